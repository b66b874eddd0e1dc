FROM debian:bookworm
RUN /opt/node/bin/npm install -g pm2
RUN bash -c ". $NVM_DIR/nvm.sh && npm ci"
RUN (. /root/.nvm/nvm.sh && npm ci)
RUN . /root/.nvm/nvm.sh && npm ci
