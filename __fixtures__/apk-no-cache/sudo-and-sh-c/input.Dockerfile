FROM alpine:3.20
RUN sh -c 'apk add curl'
RUN sudo apk add bash
