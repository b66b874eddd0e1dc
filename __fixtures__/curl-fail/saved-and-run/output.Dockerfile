FROM debian:bookworm
RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh && sh /tmp/install.sh
RUN curl -fO https://example.com/setup.sh && bash setup.sh
RUN curl -f --output rustup.sh https://sh.rustup.rs && chmod +x rustup.sh && ./rustup.sh -y
