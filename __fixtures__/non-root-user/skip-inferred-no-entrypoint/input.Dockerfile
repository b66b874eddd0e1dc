FROM example.com/platform/runtime:4.2
RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
COPY app.py /opt/app.py
CMD ["python3", "/opt/app.py"]
