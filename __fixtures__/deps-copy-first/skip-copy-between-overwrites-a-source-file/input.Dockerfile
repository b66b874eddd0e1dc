FROM busybox AS config
RUN echo "DEBUG = False" > /settings.py

FROM python:3.12-slim
WORKDIR /app
COPY . .
COPY --from=config /settings.py settings.py
RUN pip install -r requirements.txt
