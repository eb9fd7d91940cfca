#!/usr/bin/env bash
# The sweep benchmark (issue 13): starts emulators of its own with several Azurite accounts, seeds an estate, and
# compares `cloudauditor sweep` with a raw SDK listing of it in the same run. Arguments go to the bench, e.g.
#   infra/bench-sweep.sh accounts=10 containers=300 blobs=5 big=1000000 buckets=1000
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export STATE="$root/.bench-sweep"
rm -rf "$STATE"
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
accounts=3
for arg in "$@"; do [[ "$arg" == accounts=* ]] && accounts="${arg#accounts=}"; done
AZURITE_ACCOUNTS="$(for i in $(seq 0 $((accounts - 1))); do printf 'acct%s:%s;' "$i" "$key"; done)"
export AZURITE_ACCOUNTS="${AZURITE_ACCOUNTS%;}"
"$root/infra/emulators/start.sh"
trap '"$root/infra/emulators/stop.sh" >/dev/null 2>&1 || true' EXIT
# The CLI as users run it (./cloudauditor: a ReadyToRun publish, so no JIT start-up the user would not pay), copied so
# rebuilding the working tree during a long run does not change what is measured.
"$root/cloudauditor" --version >/dev/null
r2r="$(ls -d "$root"/src/CloudAuditor.Cli/bin/Release/net10.0/*/r2r 2>/dev/null | head -1)"
cp -r "${r2r:-$root/src/CloudAuditor.Cli/bin/Release/net10.0}" "$STATE/cli"
dotnet build "$root/infra/sweepbench" -c Release --nologo -v q >/dev/null
dotnet "$root/infra/sweepbench/bin/Release/net10.0/cloudauditor-sweep-bench.dll" "$STATE" "$STATE/cli/cloudauditor.dll" "$@"
