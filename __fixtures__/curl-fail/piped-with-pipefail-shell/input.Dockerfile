FROM debian:bookworm
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -sSL https://example.com/install.sh | bash
RUN curl https://example.com/setup | sudo -E bash -
RUN curl -L https://bootstrap.pypa.io/get-pip.py | python3
