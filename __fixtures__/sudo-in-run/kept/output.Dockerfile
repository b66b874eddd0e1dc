FROM ubuntu:24.04
RUN sudo -u postgres psql -c 'select 1'
RUN sudo -i true && sudo -s && echo secret | sudo -S apt-get update
RUN sudo PATH=/opt/bin:$PATH make && sudo -g staff touch /x
ARG OPTS
RUN sudo $OPTS true
