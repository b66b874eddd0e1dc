FROM debian
RUN if [ -f /a ]; then echo a; fi
RUN for f in a b; do echo $f; done
RUN ! false
RUN echo end
