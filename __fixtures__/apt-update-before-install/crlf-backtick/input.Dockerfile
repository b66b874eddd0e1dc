# escape=`
FROM debian:bookworm
run apt-get install -y `
      curl `
      jq
