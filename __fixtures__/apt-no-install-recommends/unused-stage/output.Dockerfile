FROM debian:bookworm AS test
RUN apt-get update && apt-get install -y shellcheck

FROM debian:bookworm-slim
RUN apt-get update && apt-get install --no-install-recommends -y libssl3
