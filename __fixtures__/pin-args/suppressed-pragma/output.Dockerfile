# docker-codemod ignore=pin-args
ARG NODE_VERSION=18
FROM node:${NODE_VERSION}
