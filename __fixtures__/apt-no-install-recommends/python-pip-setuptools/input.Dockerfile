FROM ubuntu:18.04
RUN apt-get update && apt-get install -y python-pip python-dev
RUN pip install supervisor
