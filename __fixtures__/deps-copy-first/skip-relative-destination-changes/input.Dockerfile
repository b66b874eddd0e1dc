FROM python:3.12-slim
WORKDIR /app
COPY . src/
WORKDIR src
RUN pip install -r requirements.txt
