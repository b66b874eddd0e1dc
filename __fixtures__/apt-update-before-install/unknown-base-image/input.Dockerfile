FROM mycompany/base:1.2
RUN apt-get install -y curl

FROM $BASE
RUN apt-get install -y curl

FROM node:20-alpine
RUN apt-get install -y curl
