#!/bin/sh
# Prints the process table every 30 seconds with a local timestamp.
while true; do
  date
  ps -eo pid,comm,rss --sort=-rss | head -n 10
  sleep 30
done
