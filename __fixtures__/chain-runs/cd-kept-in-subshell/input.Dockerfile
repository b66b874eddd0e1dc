FROM debian
RUN cd /usr/src
RUN ls
