FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN apt-get update
RUN apt-get install -y --no-install-recommends build-essential
RUN pip install -r requirements.txt
RUN python -m compileall .
