FROM debian:bookworm
COPY debian/control /src/debian/control
RUN apt-get update && apt-get install -y devscripts equivs
RUN mk-build-deps /src/debian/control && equivs-build /src/ns-control && dpkg -i /src/*.deb
