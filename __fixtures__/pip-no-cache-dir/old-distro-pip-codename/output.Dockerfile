FROM ubuntu:trusty-20191217
RUN pip install awscli
