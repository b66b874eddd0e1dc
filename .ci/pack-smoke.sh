#!/usr/bin/env bash
# Packaging smoke test: what users install must work. Packs the repository, installs the tarball into a fresh
# prefix (dependencies resolved from the registry as a user's install resolves them, not from the lockfile),
# runs the installed command on examples/ and compares its output with the repository's own CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

npm run build --silent
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
npm install -g --prefix "$work/prefix" --no-audit --no-fund "$work/$tarball" >"$work/install.log" 2>&1 || {
  cat "$work/install.log"
  echo "pack-smoke: installing $tarball failed"
  exit 1
}
installed="$work/prefix/bin/docker-codemod"

status=0
"$installed" --version >/dev/null
"$installed" --dry-run examples >"$work/installed.out" 2>"$work/installed.err" || status=$?
node dist/src/cli.js --dry-run examples >"$work/repo.out" 2>"$work/repo.err" || true
if [ "$status" -ne 0 ]; then
  cat "$work/installed.err"
  echo "pack-smoke: the installed docker-codemod exited $status"
  exit 1
fi
if ! cmp -s "$work/installed.out" "$work/repo.out" || ! cmp -s "$work/installed.err" "$work/repo.err"; then
  diff "$work/repo.out" "$work/installed.out" | head -40 || true
  diff "$work/repo.err" "$work/installed.err" | head -20 || true
  echo "pack-smoke: the installed package's output differs from the repository's"
  exit 1
fi
[ -s "$work/installed.out" ] || { echo "pack-smoke: the installed package printed no diff for examples/"; exit 1; }
echo "pack-smoke: $tarball installs and runs; its dry run of examples/ matches the repository's ($(grep -c '^+++ ' "$work/installed.out") files)"
