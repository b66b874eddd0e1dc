FROM debian:bookworm
RUN apt-get update && apt-get install -y python3-pip
CMD ["python3", "-m", "pip", "--version"]
