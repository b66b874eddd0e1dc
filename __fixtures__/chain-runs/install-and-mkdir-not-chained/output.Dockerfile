FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN mkdir -p /app/data
RUN pip install flask
RUN chmod 755 /app/data
