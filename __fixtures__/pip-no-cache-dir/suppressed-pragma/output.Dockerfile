FROM python:3.12-slim
# hadolint ignore=DL3013,DL3042
RUN pip install requests
