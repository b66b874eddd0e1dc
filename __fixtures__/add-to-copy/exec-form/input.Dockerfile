FROM alpine:3.20
ADD ["run.sh", "/usr/local/bin/run.sh"]
