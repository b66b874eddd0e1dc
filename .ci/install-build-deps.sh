#!/usr/bin/env bash
# Installs what the real-build suite (test/build/run.mjs) needs: buildah, and
# debootstrap to make the Debian base image. The suite runs as root with the
# kernel's overlay file system and chroot isolation, so buildah's recommended
# packages (fuse-overlayfs, crun/runc, slirp4netns) are not needed.
# Safe to run repeatedly; does nothing (and succeeds) where it cannot install.
set -euo pipefail

pkgs=(buildah debootstrap)

if [ "$(id -u)" != 0 ]; then
  echo "install-build-deps: not root, skipping (needs: ${pkgs[*]})"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-build-deps: apt-get not found, skipping (needs: ${pkgs[*]})"
  exit 0
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-build-deps: already installed: ${pkgs[*]}"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-build-deps: installed ${missing[*]}"
