FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y gcc make
COPY . /src
RUN make -C /src

FROM debian:bookworm-slim
COPY --from=build /src/app /usr/local/bin/app
RUN apt-get update && apt-get install -y libssl3
