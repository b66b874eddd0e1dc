#!/bin/sh
set -e
while true; do
  curl -fsS "$TARGET" && date >> /srv/state/last-ok
  sleep 60
done
