#!/bin/sh
# Prepares the spool directory as root, then runs the command as the mailer user.
set -e
chown mailer /var/spool/outbox
exec su mailer -s /bin/sh -c 'echo "sending queued mail as $(id -un)"; ls /var/spool/outbox' -- "$@"
