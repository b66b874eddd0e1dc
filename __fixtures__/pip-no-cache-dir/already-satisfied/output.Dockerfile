FROM python:3.12-slim
RUN pip install --no-cache-dir requests
RUN pip --no-cache-dir install flask
