FROM ubuntu:18.04
RUN apt-get update && apt-get install --no-install-recommends -y python-pip python-dev python-setuptools
RUN pip install supervisor
