FROM ubuntu:14.04
RUN pip install pip==1.5.6 && pip install awscli
