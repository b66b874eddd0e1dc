#!/bin/sh
# A batch job that only needs to write to /tmp.
date > /tmp/last-run
echo "job ran as uid $(id -u)"
