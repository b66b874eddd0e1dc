FROM node:20
COPY package.json package-lock.json /opt/app/
RUN cd /opt/app && npm ci --omit=dev
COPY . /opt/app
CMD ["node", "/opt/app/index.js"]
