FROM alpine:3.20
RUN apk add --no-cache john
COPY john.ini /root/john.ini
WORKDIR /root
ENTRYPOINT ["john"]
