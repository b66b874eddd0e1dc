FROM debian:bookworm
RUN apt-get update && \
    apt-get install -y wget gdebi-core && \
    apt-get clean
RUN wget -O ss.deb https://example.com/ss.deb && \
    gdebi -n ss.deb && \
    rm -f ss.deb && \
    rm -rf /var/lib/apt/lists/*
