#!/usr/bin/env bash
# Builds the Functions app package: the custom handler published self-contained for linux-x64 (untrimmed: the
# SDKs reflect; ReadyToRun, so a cold instance starts without waiting for the JIT), with host.json and functions/ beside it
# (the project lays its output out as an app root),
# zipped with the executable bit kept for the Functions host.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/.publish}"
rm -rf "$out/app" && mkdir -p "$out/app"
dotnet publish "$root/src/CloudAuditor.Functions" -c Release -r linux-x64 --self-contained true -p:PublishTrimmed=false -p:PublishReadyToRun=true \
  -p:PublishSingleFile=false -o "$out/app" --nologo -v q >&2
python3 - "$out/app" "$out/cloudauditor-functions.zip" <<'PY'
import os, stat, sys, zipfile
src, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
    for folder, _, files in os.walk(src):
        for name in sorted(files):
            path = os.path.join(folder, name)
            info = zipfile.ZipInfo.from_file(path, os.path.relpath(path, src))
            info.external_attr = (os.stat(path).st_mode & 0xFFFF) << 16  # keep the run bit of CloudAuditor.Functions
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as f:
                z.writestr(info, f.read())
PY
echo "$out/cloudauditor-functions.zip" 
