from ubuntu:24.04
run apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
copy app.py /opt/app.py
cmd ["python3", "/opt/app.py"]
