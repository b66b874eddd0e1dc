FROM node:20
FROM node:20
