FROM docker.io/library/node:20
FROM index.docker.io/library/node:20
FROM docker.io/node:20
