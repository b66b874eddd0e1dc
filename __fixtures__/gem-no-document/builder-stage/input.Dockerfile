FROM debian:bookworm AS build
RUN gem install fpm && fpm --version > /version
FROM debian:bookworm
COPY --from=build /version /version
RUN gem install rake
