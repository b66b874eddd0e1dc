#!/bin/sh
# Prints the build stamp and keeps the service in the foreground.
cat "$APP_HOME/assets/stamp"
exec sleep infinity
