FROM python:3.12-slim
ADD *.py /app/
ADD requirements*.txt /app/
ADD files/* /files/
ADD dist/*.tar.gz /dist/
ADD data.* /data/
