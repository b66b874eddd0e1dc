FROM debian:bookworm
RUN curl -fsSL -o /tmp/go.tar.gz https://go.dev/dl/go.tar.gz && tar -C /usr/local -xzf /tmp/go.tar.gz && rm /tmp/go.tar.gz
RUN cd /tmp && wget https://example.com/x.tar.gz && tar xzf x.tar.gz && rm -rf /tmp/*
RUN curl -o /tmp/y.zip https://example.com/y.zip && unzip /tmp/y.zip -d /opt && rm -f /tmp/*.zip
