FROM debian:bookworm
RUN set -euxo pipefail; curl -fsS https://example.com/i.sh | sh
