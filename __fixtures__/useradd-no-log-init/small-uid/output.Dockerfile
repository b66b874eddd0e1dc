FROM debian:bullseye
RUN useradd -u 1000 app && useradd -u 99999 svc && useradd web
