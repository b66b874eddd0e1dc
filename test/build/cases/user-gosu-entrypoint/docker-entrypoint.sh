#!/bin/sh
# Fixes ownership of the data volume as root, then drops to the queue user.
set -e
if [ "$(id -u)" = 0 ]; then
  chown -R queue:queue /var/lib/queue
  exec gosu queue "$0" "$@"
fi
if [ "$1" = queue-daemon ]; then
  echo "queue daemon running as $(id -un)"
  exec sleep infinity
fi
exec "$@"
