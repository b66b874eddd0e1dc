FROM python:3.12-slim
RUN pip install poetry==1.8.3
ENV POETRY_VIRTUALENVS_CREATE=false
WORKDIR /app
COPY pyproject.toml poetry.lock ./
RUN poetry install --no-root --no-interaction
COPY . .
CMD ["python", "-m", "app"]
