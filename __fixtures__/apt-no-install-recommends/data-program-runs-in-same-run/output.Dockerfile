FROM debian:12
COPY app.py /app.py
RUN apt-get update && apt-get install -y procps python3 && ./app.py --version && rm -rf /var/lib/apt/lists/*
