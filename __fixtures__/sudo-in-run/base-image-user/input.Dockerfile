FROM circleci/node:14
RUN sudo apt-get update
FROM ocaml/opam2:debian-9
RUN sudo apt-get update
FROM ocaml/opam2:debian-9
USER root
RUN sudo apt-get update
