FROM debian:bookworm-slim
VOLUME /data \
       /logs
RUN apt-get install -y git \
				  curl \
				  wget
RUN mkdir -p /app
RUN echo hi > /app/x
