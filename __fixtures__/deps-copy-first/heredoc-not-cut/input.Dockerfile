# syntax=docker/dockerfile:1
FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN <<EOF
pip install -r requirements.txt && python -m compileall .
EOF
CMD ["python", "app.py"]
