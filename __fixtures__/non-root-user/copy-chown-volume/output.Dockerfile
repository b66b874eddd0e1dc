FROM python:3.12-slim
WORKDIR /srv/app
RUN pip install --no-cache-dir flask
RUN groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app
COPY app.py .
COPY --chown=app:app seed/ /data/
VOLUME /data
USER app
CMD ["python", "app.py"]
