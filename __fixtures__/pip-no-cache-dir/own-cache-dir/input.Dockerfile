FROM python:3.12-slim
RUN pip install --cache-dir /tmp/pip-cache requests
