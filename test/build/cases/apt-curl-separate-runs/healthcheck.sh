#!/bin/sh
# Checks that the service answers on its status endpoint.
exec curl --fail --silent --show-error "${HEALTH_URL:-http://127.0.0.1:8080/health}"
