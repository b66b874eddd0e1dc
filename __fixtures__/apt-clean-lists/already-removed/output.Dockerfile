FROM debian:bookworm
RUN apt-get update && apt-get install -y make && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y patch && apt-get clean && rm -rf /var/lib/apt/lists
RUN apt-get update \
    && apt-get install -y jq \
    && rm -rf /var/lib/apt/lists/* /tmp/*
