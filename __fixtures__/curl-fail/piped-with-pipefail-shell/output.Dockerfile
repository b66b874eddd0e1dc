FROM debian:bookworm
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/install.sh | bash
RUN curl -f https://example.com/setup | sudo -E bash -
RUN curl -fL https://bootstrap.pypa.io/get-pip.py | python3
