#!/usr/bin/env bash
# Runs every test: unit tests and integration tests against emulators the tests start themselves.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/infra/emulators/install.sh"
# Reports are checked as a person sees them: rendered by headless Chromium (Debian's package).
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
# Infrastructure as code first: built and linted offline, lint rules as errors.
"$root/bicep/lint.sh"
# The native scan-files build (ahead-of-time compiled), which the tests compare with the managed build format by format.
"$root/infra/native.sh" >/dev/null
log="$(mktemp)"
widths_log="$(mktemp)"
status=0
dotnet test "$root/CloudAuditor.sln" -c Release --nologo 2>&1 | tee "$log" || status=$?
# The detectors' vector code again at the other widths the runtime may pick (16-byte vectors as on Arm64, 64-byte
# with AVX-512) and with no hardware vectors at all (the scalar path).
for width in DOTNET_EnableAVX2=0 DOTNET_MaxVectorTBitWidth=512 DOTNET_EnableHWIntrinsic=0; do
  echo "detector tests with $width"
  env "$width" dotnet test "$root/tests/CloudAuditor.UnitTests" -c Release --nologo --no-build \
    --filter "FullyQualifiedName~CloudAuditor.UnitTests.SensitiveData" 2>&1 | tee -a "$widths_log" || status=$?
done
# Plain closing lines over all test assemblies.
count() {
  awk -v label="$1" '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
       END { gsub(",", "", f); printf "%s: %d passed, %d failed, %d skipped\n", label, p, f, s }' "$2"
}
count "detector tests at other vector widths" "$widths_log"
count "tests" "$log"
rm -f "$log" "$widths_log"
exit "$status"
