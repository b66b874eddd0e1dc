FROM ubuntu:14.04
RUN pip install -U pip && pip install --no-cache-dir awscli
