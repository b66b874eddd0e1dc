FROM debian:bookworm
RUN apt-get update && apt-get install --no-install-recommends -y build-essential python3-dev python3-pip python3-venv
RUN python3 -m venv /venv && /venv/bin/pip install -r requirements.txt
