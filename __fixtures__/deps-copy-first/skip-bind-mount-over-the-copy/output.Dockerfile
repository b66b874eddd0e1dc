FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN --mount=type=bind,source=config,target=/app/config pip install -r requirements.txt
