FROM python:3.12-slim
RUN apt-get update && apt-get install -y gcc && pip install --no-cache-dir psutil
RUN apt-get install -y gcc-12 build-essential
