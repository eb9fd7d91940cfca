#!/usr/bin/env bash
# Installs the pinned emulators (Azurite, s3rver, maildev) and the Adaptive Cards parser from npm into infra/emulators/node_modules.
# Idempotent: skips the install when the lock file has not changed since the last one.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
stamp="$here/node_modules/.installed-lock"

# s3rver 3.7.1's filesystem store skips folders below a common prefix before it has seen a key in them, so a
# delimited ListObjects never returns CommonPrefixes for nested keys (S3 does). The product walks key hierarchies
# with delimited listings, so the emulator is corrected in place; the patch is idempotent.
patch_s3rver() {
  sed -i 's/^\( *\)delimiterEnc &&$/\1false \&\& delimiterEnc \&\&/' "$here/node_modules/s3rver/lib/stores/filesystem.js"
}

if [[ -f "$stamp" ]] && cmp -s "$stamp" "$here/package-lock.json"; then
  patch_s3rver
  exit 0
fi
command -v node >/dev/null || { echo "install.sh: Node.js is required (apt-get install nodejs npm)." >&2; exit 1; }
echo "Installing emulators from npm (azurite, s3rver, maildev)..." >&2
npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >&2
patch_s3rver
cp "$here/package-lock.json" "$stamp"
