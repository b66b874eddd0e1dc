FROM debian:bookworm
RUN /opt/node/bin/npm install -g pm2 && /opt/node/bin/npm cache clean --force
RUN bash -c ". $NVM_DIR/nvm.sh && npm ci"
RUN (. /root/.nvm/nvm.sh && npm ci)
RUN . /root/.nvm/nvm.sh && npm ci && npm cache clean --force
