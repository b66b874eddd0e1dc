FROM python:3.12-slim
COPY *.py /app/
COPY requirements*.txt /app/
ADD files/* /files/
ADD dist/*.tar.gz /dist/
ADD data.* /data/
