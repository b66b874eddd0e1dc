FROM debian:12
CMD ["/usr/local/bin/app"]
RUN useradd --system app && \
    chmod 755 /usr/local/bin && \
    # the command that ended this RUN was removed
