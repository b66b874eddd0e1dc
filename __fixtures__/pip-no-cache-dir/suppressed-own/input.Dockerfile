FROM python:3.12-slim
# docker-codemod ignore=pip-no-cache-dir
RUN pip install requests
