#!/usr/bin/env bash
set -euo pipefail
export AWS_ACCESS_KEY_ID="AKIAEZDEILA6T7SHOUQJ"
export AWS_SECRET_ACCESS_KEY="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"
export AWS_DEFAULT_REGION=eu-west-1
# TODO move to the secret store
aws s3 sync ./dist s3://static-site-bucket --delete
echo "deployed build $(git rev-parse --short HEAD)"
