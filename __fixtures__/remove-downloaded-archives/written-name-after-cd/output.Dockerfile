FROM debian:bookworm
ENV HIREDIS_VERSION=0.13.3
ENV HIREDIS_SRC_DIR=hiredis
RUN \
    cd /tmp \
    && curl -fSL https://github.com/redis/hiredis/archive/v${HIREDIS_VERSION}.tar.gz -o ${HIREDIS_SRC_DIR}-${HIREDIS_VERSION}.tar.gz \
    && tar xzf ${HIREDIS_SRC_DIR}-${HIREDIS_VERSION}.tar.gz \
    && cd ${HIREDIS_SRC_DIR}-${HIREDIS_VERSION} \
    && make -j && make install \
    && rm -f /tmp/${HIREDIS_SRC_DIR}-${HIREDIS_VERSION}.tar.gz
