FROM debian:bookworm
RUN apt-get update && apt-get install -y python3-pip python3-venv
RUN python3 -m venv /venv && /venv/bin/pip install -r requirements.txt
