FROM debian:bookworm
# hadolint ignore=DL3015 # the Recommends are needed
RUN apt-get update && apt-get install -y make
