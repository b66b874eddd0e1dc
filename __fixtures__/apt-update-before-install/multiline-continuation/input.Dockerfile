FROM python:3.12-slim
RUN set -eux; \
    apt-get install -y --no-install-recommends \
        gcc \
        libpq-dev; \
    rm -rf /var/lib/apt/lists/*
