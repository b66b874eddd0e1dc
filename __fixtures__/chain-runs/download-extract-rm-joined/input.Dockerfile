FROM debian:bookworm-slim
RUN curl -fsSL -o /tmp/tool.tgz https://example.com/tool.tgz \
    && echo "0123abcd  /tmp/tool.tgz" | sha256sum -c -
RUN tar xzf /tmp/tool.tgz -C /opt && rm /tmp/tool.tgz
