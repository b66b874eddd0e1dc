FROM ruby:3.3
ENV BUNDLE_FROZEN=1
WORKDIR /app
COPY . .
RUN bundle install
