FROM node:0.10-wheezy
RUN gem install sass
