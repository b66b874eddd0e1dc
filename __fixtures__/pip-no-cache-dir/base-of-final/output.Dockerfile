FROM python:3.12-slim AS base
RUN pip install --no-cache-dir gunicorn

FROM base
COPY . /app
RUN pip install --no-cache-dir -e /app
