FROM python:3.12-slim AS base
RUN pip install --no-cache-dir flask

FROM base AS test
COPY tests /tests
RUN python -m pytest /tests

FROM base AS final
COPY app.py /opt/app.py
CMD ["python", "/opt/app.py"]
