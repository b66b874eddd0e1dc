FROM debian:bullseye
RUN groupadd -g 123456 app && useradd -u 123456 -g app -m app
RUN useradd --uid=200000 svc && useradd --create-home --uid 300000 web
RUN useradd -mu 400000 batch
