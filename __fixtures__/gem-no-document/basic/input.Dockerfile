FROM debian:bookworm
RUN apt-get update && apt-get install -y ruby && gem install bundler -v 2.5.0
RUN gem install \
      rake \
      rspec
