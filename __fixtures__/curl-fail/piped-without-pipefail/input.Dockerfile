FROM debian:bookworm
RUN curl -sSL https://example.com/install.sh | bash
