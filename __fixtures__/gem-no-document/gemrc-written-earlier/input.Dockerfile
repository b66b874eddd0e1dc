FROM alpine:3.20
RUN echo 'gem: --no-document' > /etc/gemrc
RUN apk add --no-cache ruby && gem install rake
