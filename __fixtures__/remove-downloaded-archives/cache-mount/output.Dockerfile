FROM debian:bookworm
RUN --mount=type=tmpfs,target=/tmp curl -fsSL -o /tmp/a.tgz https://example.com/a.tgz && tar -xzf /tmp/a.tgz -C /opt
