FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN mkdir /datastore
EXPOSE 8080
CMD ["python", "server.py", "--data-dir", "/datastore"]
