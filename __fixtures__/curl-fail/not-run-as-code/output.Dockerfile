FROM debian:bookworm
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -sSL https://example.com/a.tar.gz | tar xz
RUN curl -sSL https://example.com/key.gpg | gpg --dearmor > /usr/share/keyrings/k.gpg
RUN curl -sSLo /usr/local/bin/tool https://example.com/tool && chmod +x /usr/local/bin/tool
RUN curl -o data.json https://example.com/data.json && cat data.json
