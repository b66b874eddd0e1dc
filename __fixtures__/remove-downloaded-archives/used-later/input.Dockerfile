FROM debian:bookworm AS fetch
RUN curl -fsSL -o /dist/app.tar.gz https://example.com/app.tar.gz && tar -tzf /dist/app.tar.gz
RUN curl -fsSL -o /tmp/b.tgz https://example.com/b.tgz && tar -xzf /tmp/b.tgz -C /opt && cp /tmp/b.tgz /backup/
RUN curl -fsSL -o /tmp/c.tgz https://example.com/c.tgz && tar -xzf /tmp/c.tgz -C /opt
RUN sha256sum /tmp/c.tgz > /opt/c.sha256

FROM fetch
COPY --from=fetch /dist /dist
