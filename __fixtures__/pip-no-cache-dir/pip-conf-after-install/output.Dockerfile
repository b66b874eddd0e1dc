FROM python:3.12-slim
RUN pip install --no-cache-dir requests && echo "no-cache-dir = 1" >> /etc/pip.conf
