FROM python:3.12-slim
RUN pip install --no-cache-dir flexget && mkdir -p /root/.flexget
COPY config.yml /srv/config.yml
CMD ["flexget", "-c", "/srv/config.yml", "daemon", "start"]
