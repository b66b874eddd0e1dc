FROM debian:bookworm
RUN useradd -u 123456 app
FROM ubuntu:24.04
RUN useradd -u 123456 app
FROM python:3.12-slim-bookworm
RUN useradd -u 123456 app
FROM ubuntu:22.04
RUN useradd -u 123456 app
