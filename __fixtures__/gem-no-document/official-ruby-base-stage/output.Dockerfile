FROM ruby:3.3 AS base
FROM base
RUN gem install rake
