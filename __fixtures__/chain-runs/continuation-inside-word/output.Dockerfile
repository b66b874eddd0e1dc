FROM debian
RUN apt-get install -y\
curl
RUN echo two
