FROM debian:8-slim
RUN apt-get update && apt-get install -y python3-pip && pip3 install requests
