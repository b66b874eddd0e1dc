FROM debian:jessie
RUN curl -fsSO https://bootstrap.pypa.io/pip/2.7/get-pip.py && python get-pip.py
RUN pip install --no-cache-dir flask
