FROM debian:bookworm
RUN apt-get update && apt-get install -y git $EXTRA && rm -rf /var/lib/apt/lists/*
RUN apt-get install -y git jq
RUN apt-get install -y $EXTRA
RUN apt-get install -y -t bookworm-backports git
RUN apt-get install -y --reinstall git
RUN apt-get install -y git=1:2.39.2-1.1
