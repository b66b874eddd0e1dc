from ubuntu:24.04
run apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
run groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app
copy app.py /opt/app.py
user app
cmd ["python3", "/opt/app.py"]
