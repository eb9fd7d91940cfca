# Sourced by ./cloudauditor and infra/native.sh (which set $root): true when the build output $1 is missing or older than
# a source. Sources only: the files builds generate under obj/ and bin/ are newer than one build whenever another ran.
stale() {
  [[ ! -f "$1" || -n "$(find "$root/src" \( -name obj -o -name bin \) -prune -o \( -name '*.cs' -o -name '*.csproj' \) -newer "$1" -print \
    -quit)" ]]
}
