ARG BASE=python:3.12-slim
FROM ${BASE}
COPY app.py /opt/app.py
CMD ["python", "/opt/app.py"]
