FROM docker.io/library/node:16
FROM index.docker.io/library/node:16.20-bookworm
FROM docker.io/node:16
