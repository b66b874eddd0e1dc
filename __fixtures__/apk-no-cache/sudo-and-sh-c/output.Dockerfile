FROM alpine:3.20
RUN sh -c 'apk add --no-cache curl'
RUN sudo apk add --no-cache bash
