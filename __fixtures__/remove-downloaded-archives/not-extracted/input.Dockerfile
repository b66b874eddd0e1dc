FROM debian:bookworm
RUN curl -fsSL -o /opt/plugins/plugin.zip https://example.com/plugin.zip
RUN curl -fsSL https://example.com/x.tar.gz | tar -xz -C /opt
RUN wget -qO- https://example.com/y.tar.gz | tar -xz -C /opt
