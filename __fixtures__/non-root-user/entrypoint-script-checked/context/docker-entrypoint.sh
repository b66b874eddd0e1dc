#!/bin/sh
set -e
if [ "$1" = app ]; then
  echo "starting"
fi
exec "$@"
