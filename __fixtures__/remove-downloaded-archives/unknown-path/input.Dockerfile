FROM debian:bookworm
RUN curl -fsSL -o "$(mktemp)".tgz https://example.com/a.tgz && tar -xzf /tmp/a.tgz
RUN curl -fsSL -o /tmp/$UNSET.tgz https://example.com/a.tgz && tar -xzf /tmp/$UNSET.tgz
RUN wget -P /tmp https://example.com/b.tar.gz && tar -xzf /tmp/b.tar.gz
RUN wget "https://example.com/c.tar.gz?raw=1" && tar -xzf c.tar.gz
RUN cd "$(mktemp -d)" && curl -O https://example.com/d.tar.gz && tar -xzf d.tar.gz
RUN for v in 1 2; do curl -o /tmp/e.tgz https://example.com/e.tgz && tar -xzf /tmp/e.tgz; done
RUN F=/tmp/f.tgz; curl -o $F https://example.com/f.tgz && tar -xzf $F
