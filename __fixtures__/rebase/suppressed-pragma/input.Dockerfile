# docker-codemod ignore=rebase
FROM node:16
