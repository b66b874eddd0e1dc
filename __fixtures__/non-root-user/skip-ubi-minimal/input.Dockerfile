FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4
COPY app /usr/local/bin/app
CMD ["app"]
