#!/usr/bin/env bash
# The README demo: start local emulators, seed a small estate with real exposure, sweep it, and stop.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export STATE="$root/.demo"
rm -rf "$STATE" && mkdir -p "$STATE"
"$root/infra/emulators/install.sh"
dotnet build "$root/CloudAuditor.sln" -c Release --nologo -v q >&2
trap '"$root/infra/emulators/stop.sh"' EXIT
"$root/infra/emulators/start.sh"
dotnet "$root/infra/demo/bin/Release/net10.0/cloudauditor-demo-seed.dll" "$STATE"

echo
echo "== Sweep (audit mode): what is exposed, proven by anonymous requests =="
"$root/cloudauditor" sweep --config "$STATE/cloudauditor.yaml" --format table || true
"$root/cloudauditor" sweep --config "$STATE/cloudauditor.yaml" --format jsonl --output "$STATE/findings.jsonl" || true
echo
echo "Machine-readable findings: $STATE/findings.jsonl ($(wc -l <"$STATE/findings.jsonl") findings)"
