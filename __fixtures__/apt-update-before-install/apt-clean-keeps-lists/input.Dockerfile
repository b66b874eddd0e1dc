FROM debian:bookworm
RUN apt-get update && apt-get install -y curl && apt-get clean
RUN apt-get install -y jq
