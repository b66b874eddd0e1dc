FROM node:20-alpine
FROM node:22
