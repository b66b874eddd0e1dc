# escape=`
FROM debian:bookworm
RUN curl -fsSL -o /tmp/a.tgz https://example.com/a.tgz && `
    tar -xzf /tmp/a.tgz -C /opt
