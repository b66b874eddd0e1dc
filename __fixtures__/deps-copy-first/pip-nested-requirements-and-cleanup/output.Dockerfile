FROM python:3.12-slim
WORKDIR /srv
COPY requirements.txt constraints.txt ./
COPY requirements/base.txt ./requirements/
RUN pip install --no-cache-dir -r requirements.txt && rm -rf /root/.cache/pip
COPY . .
CMD ["gunicorn", "app:app"]
