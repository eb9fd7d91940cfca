#!/usr/bin/env bash
# The README demo: start local emulators, seed a small estate with real exposure and PII, sweep it in audit mode,
# then in enforce mode (one remediation, one exemption honoured, the owner notified by mail), then roll back.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export STATE="$root/.demo"
rm -rf "$STATE" && mkdir -p "$STATE"
"$root/infra/emulators/install.sh"
dotnet build "$root/CloudAuditor.sln" -c Release --nologo -v q >&2
trap '"$root/infra/emulators/stop.sh"' EXIT
"$root/infra/emulators/start.sh"
dotnet "$root/infra/demo/bin/Release/net10.0/cloudauditor-demo-seed.dll" "$STATE"
set -a; source "$STATE/env"; set +a
config="$STATE/cloudauditor.yaml"

step() { printf '\n\033[1m== %s ==\033[0m\n' "$1"; }
# s3rver lacks the bucket ACL, policy, tagging, lock and lifecycle APIs, so every sweep of the demo is honestly
# incomplete (exit 3, with coverage lines saying so); any other failure stops the demo.
incomplete_ok() { "$@" || [ $? -eq 3 ]; }

step "1. Audit mode (the default): exposure proven by anonymous requests, PII found by sampling; nothing is changed"
incomplete_ok "$root/cloudauditor" sweep --config "$config" --format table

step "2. Enforce mode: the opted-in check is fixed, journal first; the exempt container is left alone; owners are notified"
incomplete_ok "$root/cloudauditor" sweep --config "$config" --mode enforce --format jsonl --output "$STATE/enforce.jsonl"
grep -h '"status":"remediated"\|"status":"exempt"' "$STATE/enforce.jsonl" | node -e '
  const lines = require("fs").readFileSync(0, "utf8").trim().split("\n").filter(Boolean);
  for (const f of lines.map(JSON.parse)) console.log(`${f.status.toUpperCase().padEnd(10)} ${f.checkId}  ${f.resource.container ?? f.resource.name}\n           ${f.detail}`);'

step "2b. Content classification: what the sampled content is, against the class its label declares (sensitivity 0-100)"
# The enforce sweep read only what changed since step 1 (incremental sampling); the compliance report samples afresh, read-only.
incomplete_ok "$root/cloudauditor" report retention --config "$config" --content --format json --output "$STATE/classes.json"
node -e '
  const rows = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).filter(r => r.detectedClass);
  const label = r => !r.dataClass ? "UNLABELLED" : r.dataClass === r.detectedClass ? "MATCH" : "MISMATCH";
  for (const r of rows) console.log(`${label(r).padEnd(10)} ${r.container}  score ${r.sensitivityScore}, detected ${r.detectedClass}, declared ${r.dataClass || "(none)"}`);
  if (!rows.some(r => r.dataClass && r.dataClass !== r.detectedClass)) { console.error("no class mismatch was reported"); process.exit(1); }' "$STATE/classes.json"

step "3. The notice the owner received (read back from the local SMTP catcher)"
node -e '
  fetch(`http://127.0.0.1:${process.env.MAILDEV_WEB_PORT}/api/email`).then(r => r.json()).then(mails => {
    for (const m of mails) console.log(`To: ${m.to.map(t => t.address).join(", ")}\nSubject: ${m.subject}\n\n${m.text.split("\n").slice(0, 14).join("\n")}\n  ...`);
    if (mails.length === 0) { console.error("no mail was delivered"); process.exit(1); }
  });'

step "4. Roll the remediation back by its id"
id=$(grep -ho '"remediationId":"rem-[^"]*"' "$STATE/enforce.jsonl" | head -1 | cut -d'"' -f4)
"$root/cloudauditor" rollback --config "$config" "$id"

step "5. Sweep again: the container is public once more, the open finding is not re-sent within the 24-hour window"
incomplete_ok "$root/cloudauditor" sweep --config "$config" --format table
step "6. Compliance export: retention posture of every container and bucket (here: what the emulators can and cannot tell)"
incomplete_ok "$root/cloudauditor" report retention --config "$config" --format html --output "$STATE/retention.html"
incomplete_ok "$root/cloudauditor" report retention --config "$config" --format csv --content > "$STATE/retention.csv"
head -6 "$STATE/retention.csv"

echo
echo "Findings of the enforce run: $STATE/enforce.jsonl; journal and notification log: $STATE/state.db; retention report: $STATE/retention.html"
