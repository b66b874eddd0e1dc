FROM python:3.12-slim

WORKDIR /srv
RUN groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .

EXPOSE 8000
USER app
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
