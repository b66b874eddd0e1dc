FROM python:3.12-slim AS base
WORKDIR /app
COPY requirements.txt .

FROM base
COPY --from=base /app /app
RUN pip install -r requirements.txt
