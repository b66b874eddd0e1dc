FROM alpine:3.20
COPY ["run.sh", "/usr/local/bin/run.sh"]
