FROM python:3.12-slim AS base
RUN pip install --no-cache-dir flask

FROM base AS test
COPY tests /tests
RUN python -m pytest /tests

FROM base AS final
RUN groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app
COPY app.py /opt/app.py
USER app
CMD ["python", "/opt/app.py"]
