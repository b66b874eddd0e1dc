# escape=`
ARG BASE=node:20
FROM ${BASE}
# not the ARG: a global ARG is unset in a stage that does not declare it again
RUN echo $BASE
