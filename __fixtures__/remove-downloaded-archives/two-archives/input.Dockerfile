FROM debian:bookworm
RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz && curl -fsSLo /tmp/b.zip https://example.com/b.zip && tar -xzf /tmp/a.tgz -C /opt && unzip /tmp/b.zip -d /opt
