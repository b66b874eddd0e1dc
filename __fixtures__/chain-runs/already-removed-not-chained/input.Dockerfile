FROM debian:bookworm-slim
RUN curl -fsSL -o /tmp/a.tgz https://example.com/a.tgz && tar xzf /tmp/a.tgz -C /opt && rm /tmp/a.tgz
RUN rm -rf /tmp/*
