FROM debian:12
RUN (apt-get update && apt-get install -y curl)# curl for the health check
