FROM ubuntu:24.04
RUN cd /tmp \
    && wget -O app.zip https://example.com/app.zip \
    && echo "0123abcd  app.zip" | sha256sum -c - \
    && unzip app.zip -d /opt/app \
    && cd / \
    && rm -f /tmp/app.zip
