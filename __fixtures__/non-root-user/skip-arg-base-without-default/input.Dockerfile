ARG BASE
FROM ${BASE}
COPY app /usr/local/bin/app
CMD ["app"]
