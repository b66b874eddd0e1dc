FROM debian:bookworm
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/i.sh | bash
RUN curl -sSfL https://example.com/i.sh | bash
RUN curl --fail -L https://example.com/i.sh | bash
RUN curl -L --fail-with-body -o i.sh https://example.com/i.sh && sh i.sh
