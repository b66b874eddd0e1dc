FROM fedora:40
RUN dnf makecache
COPY . /src
RUN dnf -C install -y make
