FROM python:3.12-slim
WORKDIR /srv
COPY entrypoint.sh app.py ./
RUN pip install --no-cache-dir flask
ENTRYPOINT ["./entrypoint.sh"]
