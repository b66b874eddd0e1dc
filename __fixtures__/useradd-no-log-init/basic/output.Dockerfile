FROM debian:bullseye
RUN groupadd -g 123456 app && useradd -l -u 123456 -g app -m app
RUN useradd -l --uid=200000 svc && useradd -l --create-home --uid 300000 web
RUN useradd -l -mu 400000 batch
