FROM debian:bookworm
# keep the lists for the debugging image: && rm -fr /var/lib/apt/lists
# (apt-get install works without an update)
RUN apt-get update && apt-get install -y curl
