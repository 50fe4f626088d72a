#!/usr/bin/env bash
# Prints the key that signs local demo tokens, kept in FILE (run.sh: .data/signing-key, git-ignored), and
# makes it once when missing: 48 random bytes, base64 without '/', '+' and '='. Anyone who reads the key can
# mint tokens for any role, so the file is its owner's alone (mode 600), also when an earlier run made it.
#   scripts/signing-key.sh FILE
set -euo pipefail
file="${1:?usage: scripts/signing-key.sh FILE}"
mkdir -p "$(dirname "$file")"
umask 077
[ -s "$file" ] || head -c 48 /dev/urandom | base64 | tr -d '\n/+=' > "$file"
chmod 600 "$file"
cat "$file"
