FROM debian:bookworm
COPY debian/control /src/debian/control
RUN apt-get update && apt-get install -y devscripts equivs
RUN mk-build-deps -ir -t 'apt-get -y' /src/debian/control
