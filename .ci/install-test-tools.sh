#!/usr/bin/env bash
# Installs the tools some CLI tests use to set and read extended attributes and ACLs (attr: getfattr/setfattr,
# acl: getfacl/setfacl). The CLI itself asks getfattr whether a file it rewrites has any. Tests that need them
# skip, with a message, where they are absent. Safe to run repeatedly; does nothing where it cannot install.
set -euo pipefail

pkgs=(acl attr)

if command -v getfattr >/dev/null 2>&1 && command -v setfacl >/dev/null 2>&1; then
  echo "install-test-tools: already installed: ${pkgs[*]}"
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-tools: cannot install (needs root and apt-get): ${pkgs[*]}; their tests will skip"
  exit 0
fi
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${pkgs[@]}" >/dev/null 2>&1; then
  apt-get update >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${pkgs[@]}" >/dev/null 2>&1 ||
    echo "install-test-tools: apt-get install failed: ${pkgs[*]}; their tests will skip"
fi
