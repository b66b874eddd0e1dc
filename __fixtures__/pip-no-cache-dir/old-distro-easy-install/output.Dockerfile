FROM ubuntu:12.04
RUN easy_install pip && pip install --no-cache-dir flask
