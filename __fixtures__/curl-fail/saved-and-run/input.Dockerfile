FROM debian:bookworm
RUN curl -sSLo /tmp/install.sh https://example.com/install.sh && sh /tmp/install.sh
RUN curl -O https://example.com/setup.sh && bash setup.sh
RUN curl --output rustup.sh https://sh.rustup.rs && chmod +x rustup.sh && ./rustup.sh -y
