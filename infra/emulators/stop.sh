#!/usr/bin/env bash
# Stops the emulators started by start.sh (same STATE folder).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="${STATE:-$here/../../.emulators}"
for name in azurite s3rver maildev; do
  if [[ -f "$state/$name.pid" ]]; then
    kill "$(cat "$state/$name.pid")" 2>/dev/null || true
    rm -f "$state/$name.pid"
  fi
done
