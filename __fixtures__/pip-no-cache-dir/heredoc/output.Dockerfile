# syntax=docker/dockerfile:1
FROM python:3.12-slim
RUN <<EOF
pip install --upgrade pip
pip install --no-cache-dir flask==3.0.0
EOF
