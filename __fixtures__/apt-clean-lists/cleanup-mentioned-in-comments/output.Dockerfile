FROM debian:bookworm
# rm -rf /var/lib/apt/lists/* is added by the codemod

RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
# remove the lists (/var/lib/apt/lists) below
RUN apt-get update && apt-get install -y wget && rm -rf /var/lib/apt/lists/*
