FROM debian
# fetch the index
RUN apt-get update && \
# tools we need
  # indented comment
    apt-get install -y make && \
    make --version
