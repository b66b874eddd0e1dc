FROM ubuntu:14.04 AS base
RUN python3 -m pip install --upgrade "pip==20.3.4"

FROM base
RUN pip install awscli
