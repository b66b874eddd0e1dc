FROM python:3.12-slim AS base
RUN pip install gunicorn

FROM base
COPY . /app
RUN pip install -e /app
