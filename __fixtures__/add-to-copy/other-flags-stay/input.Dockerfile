# syntax=docker/dockerfile:1.7-labs
FROM alpine:3.20
ADD --exclude=*.md . /app
ADD --unpack=false build /opt/build
