FROM python:3.12-slim
WORKDIR /app
COPY . .
VOLUME /app
RUN pip install -r requirements.txt
