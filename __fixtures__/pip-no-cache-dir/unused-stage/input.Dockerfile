FROM python:3.12 AS docs
RUN pip install mkdocs

FROM python:3.12-slim
RUN pip install requests
