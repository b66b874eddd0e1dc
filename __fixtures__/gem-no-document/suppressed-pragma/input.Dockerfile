FROM ubuntu:22.04
RUN apt-get update && apt-get install -y ruby
# docker-codemod ignore=gem-no-document
RUN gem install bundler
