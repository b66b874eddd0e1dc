FROM python:3.12-slim
# hadolint ignore=DL3002
USER root
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
COPY app.py /opt/app.py
CMD ["python", "/opt/app.py"]
