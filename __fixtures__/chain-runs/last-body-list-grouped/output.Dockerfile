FROM debian
RUN mkdir /src && \
    ( cd /src; touch x )
