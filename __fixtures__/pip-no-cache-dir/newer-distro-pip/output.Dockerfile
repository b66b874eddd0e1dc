FROM ubuntu:16.04
RUN pip install --no-cache-dir awscli
