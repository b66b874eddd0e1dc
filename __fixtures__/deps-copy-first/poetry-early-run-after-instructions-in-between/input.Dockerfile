FROM python:3.12-slim
WORKDIR /app
COPY . .
ENV POETRY_NO_INTERACTION=1
RUN pip install poetry==1.8.3 && poetry install
CMD ["python", "-m", "app"]
