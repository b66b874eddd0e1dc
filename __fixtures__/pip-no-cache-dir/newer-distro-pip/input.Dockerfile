FROM ubuntu:16.04
RUN pip install awscli
