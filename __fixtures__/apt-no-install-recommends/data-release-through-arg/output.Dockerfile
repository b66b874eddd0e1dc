ARG PYTHON=3.13-slim-trixie
FROM python:${PYTHON} AS base
FROM base
RUN apt-get update && apt-get install --no-install-recommends -y curl
