FROM python:3.12-slim
RUN pip install --no-cache-dir \
    requests `# HTTP client` \
    flask    `# web framework`
