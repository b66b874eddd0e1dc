FROM debian:bookworm-slim
RUN apt-get update && apt-get install --without-install-recommends -y curl
RUN apt-get install -y --No-Install-Recommends git
RUN apt-get install -y --disable-install-recommends wget
