#!/bin/sh
set -eu
URL="https://api.getaptly.com/api/aptlet/$BOARD"
echo "posting to $URL"
