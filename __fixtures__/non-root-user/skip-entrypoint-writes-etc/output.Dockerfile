FROM python:3.12-slim
COPY entrypoint.sh /entrypoint.sh
COPY app.py /srv/app.py
RUN pip install --no-cache-dir flask
ENTRYPOINT ["/entrypoint.sh"]
