FROM python:3.12-slim
RUN apt-get update && apt-get install --no-install-recommends -y gcc libc6-dev && pip install --no-cache-dir psutil
RUN apt-get install --no-install-recommends -y gcc-12 build-essential
