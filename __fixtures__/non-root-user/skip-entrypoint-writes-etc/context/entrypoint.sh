#!/bin/sh
set -e
echo "nameserver ${DNS:-1.1.1.1}" > /etc/resolv.conf
exec python /srv/app.py
