FROM debian:bookworm
RUN curl -fsSL -o /tmp/tool.deb https://example.com/tool_1.0_amd64.deb && dpkg -i /tmp/tool.deb
