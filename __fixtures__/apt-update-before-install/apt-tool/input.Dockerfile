FROM ubuntu:24.04
RUN apt install -y curl && apt install -y jq
