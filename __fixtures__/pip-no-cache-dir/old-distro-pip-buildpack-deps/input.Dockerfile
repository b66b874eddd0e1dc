FROM buildpack-deps:jessie-scm
RUN pip install awscli
