FROM debian
RUN ( export PATH=/opt/bin:$PATH ) && \
    ( VERSION=1.2 ) && \
    echo "$VERSION"
