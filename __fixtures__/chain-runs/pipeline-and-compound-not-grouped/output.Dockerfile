FROM debian
RUN if [ -f /a ]; then echo a; fi && \
    for f in a b; do echo $f; done && \
    ! false && \
    echo end
