FROM debian
RUN apt-get update \
 # refresh
 && apt-get install -y \
      curl \
      git \
 && curl --version \
 && git --version
