FROM ubuntu:14.04
RUN apt-get install -y ruby && gem install rake
