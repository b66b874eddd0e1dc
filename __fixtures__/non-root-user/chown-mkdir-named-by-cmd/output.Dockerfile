FROM python:3.12-slim
WORKDIR /app
RUN groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN mkdir /datastore && chown app:app /datastore
EXPOSE 8080
USER app
CMD ["python", "server.py", "--data-dir", "/datastore"]
