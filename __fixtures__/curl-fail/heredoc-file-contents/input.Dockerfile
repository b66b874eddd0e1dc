# syntax=docker/dockerfile:1
FROM debian:bookworm
COPY <<EOF /usr/local/bin/fetch
#!/bin/sh
curl -sSLo /tmp/install.sh https://example.com/install.sh && sh /tmp/install.sh
EOF
RUN <<EOF
cat > /usr/local/bin/fetch2 <<'SCRIPT'
curl -sSLo /tmp/install.sh https://example.com/install.sh && sh /tmp/install.sh
SCRIPT
chmod +x /usr/local/bin/fetch2
EOF
RUN cat <<EOF > /usr/local/bin/fetch3
curl -sSLo /tmp/install.sh https://example.com/install.sh && sh /tmp/install.sh
EOF
