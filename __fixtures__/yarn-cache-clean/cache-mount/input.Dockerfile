# syntax=docker/dockerfile:1
FROM node:20-slim
COPY . .
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
