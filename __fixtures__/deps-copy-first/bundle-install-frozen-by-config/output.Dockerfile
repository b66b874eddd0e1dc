FROM ruby:3.3
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle config set frozen true && bundle install
COPY . .
CMD ["bundle", "exec", "puma"]
