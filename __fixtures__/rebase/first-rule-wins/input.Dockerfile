FROM node:16-alpine
FROM node:18
