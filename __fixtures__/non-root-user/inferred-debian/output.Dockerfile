FROM example.com/platform/runtime:4.2
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system app \
 && useradd --system --no-log-init --gid app --create-home app
COPY app.py /opt/app.py
USER app
ENTRYPOINT ["python3", "/opt/app.py"]
