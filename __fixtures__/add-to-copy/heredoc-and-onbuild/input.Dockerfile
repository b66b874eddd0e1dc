FROM alpine:3.20
ADD <<EOF /etc/motd
hello
EOF
ONBUILD ADD . /app
