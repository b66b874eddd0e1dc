#!/bin/sh
# Reports whether the upstream answers over HTTPS.
curl -fsS -o /dev/null -w '%{http_code}\n' "${UPSTREAM:-https://example.invalid/}"
