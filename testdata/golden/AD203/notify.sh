#!/bin/sh
set -eu
# Post a card when the nightly import finishes.
curl -sS -X POST "https://api.getaptly.com/api/aptlet/$BOARD?x-token=$APTLY_KEY" \
  -H 'Content-Type: application/json' \
  -d '{"Name": "Nightly import done"}'
