#!/bin/sh
set -e
if [ -n "$EXTRA_PACKAGES" ]; then pip install $EXTRA_PACKAGES; fi
exec python app.py
