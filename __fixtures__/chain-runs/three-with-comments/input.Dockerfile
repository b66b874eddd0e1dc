FROM debian
# fetch the index
RUN apt-get update
# tools we need
  # indented comment
RUN apt-get install -y make
RUN make --version
