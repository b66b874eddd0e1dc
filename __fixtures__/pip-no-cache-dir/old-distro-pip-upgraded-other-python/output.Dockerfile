FROM ubuntu:14.04
RUN pip install -U pip && pip3 install awscli
