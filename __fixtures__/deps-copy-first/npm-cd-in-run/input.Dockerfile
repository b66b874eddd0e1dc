FROM node:20
COPY . /opt/app
RUN cd /opt/app && npm ci --omit=dev
CMD ["node", "/opt/app/index.js"]
