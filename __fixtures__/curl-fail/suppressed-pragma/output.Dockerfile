FROM debian:bookworm
# docker-codemod ignore=curl-fail
RUN curl -o /tmp/i.sh https://example.com/i.sh && sh /tmp/i.sh
