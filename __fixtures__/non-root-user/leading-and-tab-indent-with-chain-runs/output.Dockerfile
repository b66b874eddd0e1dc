FROM debian:bookworm-slim
RUN apt-get update \
	&& apt-get install -y --no-install-recommends ca-certificates \
	&& rm -rf /var/lib/apt/lists/* \
	&& groupadd --system app \
	&& useradd --system --no-log-init --gid app --create-home app
COPY app /usr/local/bin/app
USER app
CMD ["app"]
