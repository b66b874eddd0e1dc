FROM python:3.12-slim
COPY app.py /opt/app.py
VOLUME /data
CMD ["python", "/opt/app.py"]
