#!/usr/bin/env bash
# Prints the key that signs local demo tokens, kept in FILE (run.sh: .data/signing-key, git-ignored), and
# makes it once when missing: 48 random bytes, base64 without '/', '+' and '='.
#   scripts/signing-key.sh FILE
set -euo pipefail
file="${1:?usage: scripts/signing-key.sh FILE}"
mkdir -p "$(dirname "$file")"
[ -s "$file" ] || head -c 48 /dev/urandom | base64 | tr -d '\n/+=' > "$file"
cat "$file"
