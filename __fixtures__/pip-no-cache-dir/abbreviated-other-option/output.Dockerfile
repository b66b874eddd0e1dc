FROM python:3.12-slim
RUN pip install --no-cache-dir --no-comp --no-c requests
