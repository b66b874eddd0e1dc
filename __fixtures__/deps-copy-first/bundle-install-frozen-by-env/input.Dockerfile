FROM ruby:3.3
ENV BUNDLE_FROZEN=true
WORKDIR /app
COPY . .
RUN bundle install --jobs 4
CMD ["bundle", "exec", "puma"]
