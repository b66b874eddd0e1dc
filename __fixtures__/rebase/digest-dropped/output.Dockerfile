FROM node:20 AS build
FROM node:20
