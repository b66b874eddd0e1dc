FROM python:3.12-slim
WORKDIR /app
COPY . .
COPY deploy/settings.prod.py settings.py
RUN pip install -r requirements.txt
