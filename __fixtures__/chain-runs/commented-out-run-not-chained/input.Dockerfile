FROM debian:bookworm-slim
RUN mkdir /app
# RUN tar xzf /tmp/app.tgz -C /app
RUN chmod 755 /app
# link the config
RUN ln -s /etc/app.conf /app/app.conf
