FROM debian:bookworm
RUN gpg --batch --import /tmp/secret.asc && gpg --delete-secret-keys ABCDEF
RUN gpg --passphrase secret --import /tmp/secret.asc
RUN gpg --decrypt --output SHASUMS256.txt SHASUMS256.txt.asc
RUN gpg -d /tmp/secret.gpg > /tmp/secret && gpg --batch --import /tmp/secret
