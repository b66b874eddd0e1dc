FROM python:3.12
RUN pip install -U pip setuptools
RUN pip install --no-cache-dir --upgrade pip-tools pipenv && pip install --no-cache-dir flask==3.0.0
