FROM debian:bookworm
RUN gpg --keyserver hkps://keys.openpgp.org --recv-keys ABCDEF || gpg --keyserver keyserver.ubuntu.com --recv-keys ABCDEF
RUN gpg $GPG_OPTS --import /tmp/key.asc
RUN gpg --batch --keyserver "$KEYSERVER" --recv-keys "$KEY_ID" && gpg --batch --keyserver=$KEYSERVER --recv-keys $KEY2
