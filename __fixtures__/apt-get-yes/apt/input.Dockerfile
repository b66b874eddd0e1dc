FROM ubuntu:22.04
RUN apt update && apt install curl && apt list --installed
