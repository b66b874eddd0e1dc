ARG VARIANT=3.3
FROM mcr.microsoft.com/devcontainers/ruby:${VARIANT}
RUN gem install rake
