FROM python:3.12-slim
RUN pip install requests && echo "no-cache-dir = 1" >> /etc/pip.conf
