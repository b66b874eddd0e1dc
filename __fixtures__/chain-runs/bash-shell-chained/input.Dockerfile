FROM debian
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -s localhost | cat
RUN echo two
