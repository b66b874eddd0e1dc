FROM debian:bookworm-slim
RUN apt-get update && apt-get install --with-install-recommends -y curl
