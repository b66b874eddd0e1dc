FROM alpine:3.20
ADD rootfs.tar.gz /
ADD app.tgz /opt/
ADD data.tar /data/
ADD backup/unknown.tar.bz2+ /config/
ADD notes.txt bundle.tar.xz /dst/
ADD "file.tgz" /usr/src/
ADD logo.Z /x/
