FROM node:20 AS assets
WORKDIR /assets
COPY . .
RUN npm ci && npm run build

FROM python:3.12-slim
WORKDIR /app
COPY --from=assets /assets/dist /app/static
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
