#!/usr/bin/env bash
# Publishes the native (ahead-of-time compiled) build of the CLI that ./cloudauditor runs scan-files with: no JIT and no
# type loading at start-up, and the detectors compiled for this machine's vectors (AVX2 where the CPU has it), about
# 2.3x the ReadyToRun build end to end (README, "Sensitive data"). ./cloudauditor scan-files calls it when the build is stale. It carries scan-files only (the other commands are not
# compiled in). Prints the binary's path. Its intermediate files stay apart from the ReadyToRun build's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "$(uname -m)" in
  x86_64) rid=linux-x64; isa="$(grep -qw avx2 /proc/cpuinfo && echo x86-64-v3 || echo x86-64-v2)" ;;
  aarch64|arm64) rid=linux-arm64; isa="" ;;
  *) echo "native build: no native target for $(uname -m)" >&2; exit 1 ;;
esac
out="$root/src/CloudAuditor.Cli/bin/native/$rid"
source "$root/infra/stale.sh"
# Built already from these sources (the same test as ./cloudauditor's): nothing to do.
if ! stale "$out/cloudauditor"; then
  echo "$out/cloudauditor"
  exit 0
fi
echo "Building the native scan-files binary (once after each change to the sources; a minute or two)..." >&2
# Trim and AOT analysis warnings stay warnings here: they name code of the other commands, which this build leaves out.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! dotnet publish "$root/src/CloudAuditor.Cli" -c Release -r "$rid" -p:PublishAot=true ${isa:+-p:IlcInstructionSet=$isa} \
    -p:TreatWarningsAsErrors=false --artifacts-path "$root/src/CloudAuditor.Cli/obj/native" -o "$out" --nologo -v q >"$log" 2>&1; then
  grep -E ' error ' "$log" | head -20 >&2
  exit 1
fi
echo "$out/cloudauditor"
