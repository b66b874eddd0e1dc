FROM python:3.12-slim
RUN useradd --create-home worker
USER worker
WORKDIR /home/worker
COPY --chown=worker:worker . .
USER root
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
CMD ["python", "main.py"]
