FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn
COPY . /srv
CMD ["gunicorn", "--bind", "0.0.0.0:80", "app:app"]
