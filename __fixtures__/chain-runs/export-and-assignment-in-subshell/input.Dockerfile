FROM debian
RUN export PATH=/opt/bin:$PATH
RUN VERSION=1.2
RUN echo "$VERSION"
