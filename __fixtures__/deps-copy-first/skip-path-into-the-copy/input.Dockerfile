FROM python:3.12-slim
WORKDIR /app
COPY . .
ENV PATH=/app/bin:$PATH
RUN pip install -r requirements.txt
