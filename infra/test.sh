#!/usr/bin/env bash
# Runs every test: unit tests and integration tests against emulators the tests start themselves.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/infra/emulators/install.sh"
# Infrastructure as code first: built and linted offline, lint rules as errors.
"$root/bicep/lint.sh"
log="$(mktemp)"
status=0
dotnet test "$root/CloudAuditor.sln" -c Release --nologo 2>&1 | tee "$log" || status=$?
# One plain closing line over all test assemblies.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { gsub(",", "", f); printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
