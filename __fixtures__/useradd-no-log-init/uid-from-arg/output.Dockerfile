FROM debian:bullseye
ARG APP_UID=654321
ARG SMALL_UID=1001
RUN useradd -l -u "$APP_UID" app && useradd -u ${SMALL_UID} small && useradd -u $UNKNOWN other
