#!/bin/sh
# Prints the status document of the configured endpoint as compact JSON.
curl -fsS "${STATUS_URL:-http://127.0.0.1:9000/status}" | jq -c .
