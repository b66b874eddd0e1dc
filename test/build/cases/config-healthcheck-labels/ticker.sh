#!/bin/sh
# Writes a timestamp every TICK_INTERVAL seconds; --once writes one and exits.
set -eu
mkdir -p "$(dirname "$TICK_FILE")"
while :; do
  date +%s > "$TICK_FILE"
  [ "${1:-}" = --once ] && exit 0
  sleep "$TICK_INTERVAL"
done
