FROM python:3.12-slim
WORKDIR /app
ADD . .
RUN pip install -r requirements.txt
