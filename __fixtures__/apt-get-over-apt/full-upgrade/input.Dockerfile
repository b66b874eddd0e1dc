FROM ubuntu:24.04
RUN apt update && apt full-upgrade -y && apt dist-upgrade -y
