FROM debian:bookworm
USER app
RUN sudo curl -fsSL -o /opt/a.tgz https://example.com/a.tgz && sudo tar -xzf /opt/a.tgz -C /opt && sudo rm -f /opt/a.tgz
