FROM ubuntu:24.04
RUN apt update && apt install -y curl && apt install -y jq
