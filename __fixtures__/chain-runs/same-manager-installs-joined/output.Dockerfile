FROM ruby:3.3
RUN gem install bundler -v 2.5.6 && \
    gem install foreman
