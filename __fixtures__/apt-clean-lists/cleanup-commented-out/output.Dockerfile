FROM debian:bookworm
RUN { \
            echo percona-server-server percona-server-server/root_password password 'unused'; \
        } | debconf-set-selections \
    && apt-get update \
    && apt-get install -y percona-server-server \
    #&& rm -rf /var/lib/apt/lists/* \
    && rm -rf /etc/apt/sources.list.d/percona.list \
    # purge and re-create /data/mysql with appropriate ownership
    && rm -rf /data/mysql && mkdir -p /data/mysql
