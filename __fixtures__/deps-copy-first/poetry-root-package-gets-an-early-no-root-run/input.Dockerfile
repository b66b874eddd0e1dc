FROM python:3.12-slim
RUN pip install poetry==1.8.3
WORKDIR /app
COPY . .
RUN poetry install --only main
CMD ["python", "-m", "app"]
