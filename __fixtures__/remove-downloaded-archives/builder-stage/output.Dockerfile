FROM debian:bookworm AS build
RUN curl -fsSL -o /tmp/src.tar.gz https://example.com/src.tar.gz && tar -xzf /tmp/src.tar.gz -C /src

FROM debian:bookworm
COPY --from=build /src /src
