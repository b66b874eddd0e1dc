FROM python:3.12-slim
WORKDIR /app
COPY . .
ARG PIP_INDEX_URL=https://pypi.org/simple
ENV PYTHONDONTWRITEBYTECODE=1 PATH=/opt/venv/bin:$PATH
RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home app && python -m venv /opt/venv && chown -R app /opt/venv
LABEL org.opencontainers.image.source="https://example.com/app"
USER app
RUN pip install -r requirements.txt
CMD ["python", "app.py"]
