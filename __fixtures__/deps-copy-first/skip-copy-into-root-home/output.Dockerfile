FROM python:3.12-slim
WORKDIR /root
COPY . .
RUN pip install -r requirements.txt
