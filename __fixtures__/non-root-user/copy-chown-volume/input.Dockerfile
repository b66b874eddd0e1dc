FROM python:3.12-slim
WORKDIR /srv/app
RUN pip install --no-cache-dir flask
COPY app.py .
COPY seed/ /data/
VOLUME /data
CMD ["python", "app.py"]
