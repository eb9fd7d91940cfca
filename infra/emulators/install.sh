#!/usr/bin/env bash
# Installs the pinned emulators (Azurite, s3rver, maildev) from npm into infra/emulators/node_modules.
# Idempotent: skips the install when the lock file has not changed since the last one.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
stamp="$here/node_modules/.installed-lock"
if [[ -f "$stamp" ]] && cmp -s "$stamp" "$here/package-lock.json"; then
  exit 0
fi
command -v node >/dev/null || { echo "install.sh: Node.js is required (apt-get install nodejs npm)." >&2; exit 1; }
echo "Installing emulators from npm (azurite, s3rver, maildev)..." >&2
npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >&2
cp "$here/package-lock.json" "$stamp"
