FROM python:3.12-slim
# hadolint global ignore=DL3042
RUN pip install requests
RUN pip3 install -r requirements.txt
