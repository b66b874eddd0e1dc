FROM alpine:3.20
COPY .gemrc /root/.gemrc
RUN gem install rake
