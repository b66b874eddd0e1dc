FROM debian:bookworm
RUN apt-get install -y a
RUN apt-get -y install a
RUN apt-get install --yes a
RUN apt-get install --assume-yes a
RUN apt-get -qq install a
RUN apt-get install -qqy a
RUN apt-get install -yq a
RUN apt-get -q -q install a
RUN apt-get install -q=2 a
RUN apt-get install --quiet=2 a
RUN apt-get install -o APT::Get::Assume-Yes=true a
RUN apt-get -oAPT::Get::Assume-Yes=1 install a
RUN apt-get install -o quiet=2 a
RUN apt-get install -s a
RUN apt-get update && apt-get clean && apt-cache policy a
