FROM ruby:3.3-slim
RUN gem install rake
