FROM debian:bookworm
RUN apt-get update && apt-get install --no-install-recommends -y imagemagick ghostscript gsfonts libmagickcore-6.q16-6-extra
