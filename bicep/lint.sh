#!/usr/bin/env bash
# Builds and lints the Bicep files offline with the Bicep CLI from NuGet; bicepconfig.json makes the rules errors.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
dotnet restore "$here/BicepTools.csproj" --nologo -v q >&2
bicep="$packages/azure.bicep.commandline.linux-x64/0.49.2/tools/bicep"
chmod +x "$bicep"
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
for file in "$here"/*.bicep; do
  "$bicep" build "$file" --stdout >/dev/null
  "$bicep" lint "$file"
done
echo "bicep: $(ls "$here"/*.bicep | wc -l) files built and linted" >&2
