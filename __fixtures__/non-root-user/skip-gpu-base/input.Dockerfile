FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04
RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
COPY infer.py /opt/infer.py
ENTRYPOINT ["python3", "/opt/infer.py"]
