FROM debian:bookworm AS build
RUN apt-get update
RUN apt-get install -y --no-install-recommends gcc libc6-dev
COPY hello.c .
RUN gcc -o /hello hello.c
RUN strip /hello

FROM debian:bookworm-slim
COPY --from=build /hello /hello
CMD ["/hello"]
