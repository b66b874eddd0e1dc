FROM debian:bookworm
RUN yes | apt-get install curl
RUN which curl || apt-get install -y curl
RUN apt-get install -y curl || true
RUN for p in curl jq; do apt-get install -y "$p"; done
RUN echo $(apt-get install -y curl)
RUN if ! which curl; then apt-get update && apt-get install -y wget; fi
