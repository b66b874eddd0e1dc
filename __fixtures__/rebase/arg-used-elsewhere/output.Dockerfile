ARG BASE=node:16
FROM $BASE
ARG BASE
RUN echo "built on $BASE"
