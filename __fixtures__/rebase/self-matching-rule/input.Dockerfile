FROM node:16
