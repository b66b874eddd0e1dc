FROM debian
RUN mkdir /src
RUN cd /src && touch x
