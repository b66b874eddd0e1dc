# syntax=docker/dockerfile:1
FROM debian
RUN <<EOF
echo one
EOF
RUN echo two
