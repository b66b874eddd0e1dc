FROM debian:bookworm
ARG CURL_OPTS
RUN curl -o i.sh https://example.com/i.sh || true; sh i.sh
RUN curl $CURL_OPTS -o i.sh https://example.com/i.sh && sh i.sh
