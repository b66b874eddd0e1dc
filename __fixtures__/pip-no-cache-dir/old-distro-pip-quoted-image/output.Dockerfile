FROM 'ubuntu:trusty'
RUN pip install -U setuptools virtualenv
