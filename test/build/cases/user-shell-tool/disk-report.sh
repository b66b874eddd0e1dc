#!/bin/sh
# Lists file systems above the configured usage threshold.
. /etc/disk-report/config
df -P | awk -v t="$THRESHOLD" 'NR > 1 { sub("%", "", $5); if ($5 + 0 >= t) print $6 " " $5 "%" }'
echo "checked as $(id -un)"
