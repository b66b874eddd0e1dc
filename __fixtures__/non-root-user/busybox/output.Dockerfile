FROM busybox:1.36
RUN addgroup -S app && \
    adduser -S -G app app
COPY hello.txt /srv/hello.txt
USER app
CMD ["cat", "/srv/hello.txt"]
