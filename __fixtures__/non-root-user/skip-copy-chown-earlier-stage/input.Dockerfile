FROM python:3.12-slim AS base
COPY seed/ /data/

FROM base
WORKDIR /srv/app
COPY app.py .
VOLUME /data
CMD ["python", "app.py"]
