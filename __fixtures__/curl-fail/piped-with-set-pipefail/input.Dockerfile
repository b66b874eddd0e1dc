FROM debian:bookworm
RUN set -euxo pipefail; curl -sS https://example.com/i.sh | sh
