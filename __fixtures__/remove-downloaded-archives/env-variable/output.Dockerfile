FROM debian:bookworm
ENV TOOL_TGZ=/tmp/tool.tgz
RUN curl -fsSL -o $TOOL_TGZ https://example.com/tool.tgz && tar -xzf $TOOL_TGZ -C /usr/local/bin && rm -f $TOOL_TGZ
