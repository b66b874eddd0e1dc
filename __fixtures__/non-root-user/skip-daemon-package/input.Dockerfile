FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends supervisor python3 && rm -rf /var/lib/apt/lists/*
COPY supervisord.conf /etc/supervisor/conf.d/app.conf
CMD ["/usr/bin/supervisord", "-n"]
