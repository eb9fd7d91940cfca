#!/usr/bin/env bash
# Starts Azurite, s3rver and maildev on free 127.0.0.1 ports (never other interfaces) and writes their
# endpoints to $STATE/env for sourcing. STATE defaults to <repo>/.emulators. Stop them with stop.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="${STATE:-$here/../../.emulators}"
mkdir -p "$state"
state="$(cd "$state" && pwd)"
"$here/install.sh"
bin="$here/node_modules/.bin"

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_port() {
  for _ in $(seq 1 100); do
    if node -e "require('net').connect($1,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))"; then return 0; fi
    sleep 0.2
  done
  echo "start.sh: $2 did not open port $1; see $state/$2.log" >&2
  return 1
}

blob=$(free_port); queue=$(free_port); table=$(free_port); s3=$(free_port); smtp=$(free_port); mailweb=$(free_port)

"$bin/azurite" --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
  --tableHost 127.0.0.1 --tablePort "$table" --inMemoryPersistence --skipApiVersionCheck --disableTelemetry \
  --silent >"$state/azurite.log" 2>&1 &
echo $! >"$state/azurite.pid"

mkdir -p "$state/s3"
# s3rver 3.7 pages with legacy OpenSSL hashing; without the legacy provider, ListObjects paging answers 500.
NODE_OPTIONS=--openssl-legacy-provider "$bin/s3rver" --directory "$state/s3" --address 127.0.0.1 --port "$s3" \
  --silent >"$state/s3rver.log" 2>&1 &
echo $! >"$state/s3rver.pid"

"$bin/maildev" --ip 127.0.0.1 --web-ip 127.0.0.1 --smtp "$smtp" --web "$mailweb" >"$state/maildev.log" 2>&1 &
echo $! >"$state/maildev.pid"

wait_port "$blob" azurite; wait_port "$s3" s3rver; wait_port "$smtp" maildev; wait_port "$mailweb" maildev

cat >"$state/env" <<ENV
AZURITE_BLOB_PORT=$blob
AZURITE_QUEUE_PORT=$queue
AZURITE_TABLE_PORT=$table
S3_PORT=$s3
SMTP_PORT=$smtp
MAILDEV_WEB_PORT=$mailweb
ENV
echo "Emulators up: blob $blob, queue $queue, table $table, s3 $s3, smtp $smtp, mail web $mailweb" >&2
