FROM ruby:3.3
WORKDIR /app
COPY . .
RUN bundle config set frozen true && bundle install
CMD ["bundle", "exec", "puma"]
