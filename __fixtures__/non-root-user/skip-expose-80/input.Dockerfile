FROM python:3.12-slim
COPY app.py /opt/app.py
EXPOSE 80
CMD ["python", "/opt/app.py"]
