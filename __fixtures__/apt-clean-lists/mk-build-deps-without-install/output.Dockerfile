FROM debian:bookworm
COPY debian/control /src/debian/control
RUN apt-get update && apt-get install -y devscripts equivs && rm -rf /var/lib/apt/lists/*
RUN mk-build-deps /src/debian/control && equivs-build /src/ns-control && dpkg -i /src/*.deb
