FROM debian
RUN apt-get update \
 # refresh
 && apt-get install -y \
      curl \
      git
RUN curl --version \
 && git --version
