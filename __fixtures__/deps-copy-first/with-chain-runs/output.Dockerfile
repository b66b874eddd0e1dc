FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt ./
RUN apt-get update && \
    apt-get install -y --no-install-recommends build-essential
RUN pip install -r requirements.txt
COPY . .
RUN python -m compileall .
