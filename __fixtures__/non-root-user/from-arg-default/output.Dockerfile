ARG BASE=python:3.12-slim
FROM ${BASE}
RUN groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app
COPY app.py /opt/app.py
USER app
CMD ["python", "/opt/app.py"]
