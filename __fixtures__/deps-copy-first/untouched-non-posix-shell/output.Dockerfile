FROM python:3.12-slim
SHELL ["pwsh", "-Command"]
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
