FROM python:3.12
RUN pip install -U pip setuptools
RUN pip install --upgrade pip-tools pipenv && pip install flask==3.0.0
