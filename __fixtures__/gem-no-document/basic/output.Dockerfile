FROM debian:bookworm
RUN apt-get update && apt-get install -y ruby && gem install --no-document bundler -v 2.5.0
RUN gem install --no-document \
      rake \
      rspec
