#!/bin/sh
# Clones or updates the repository given in REPO_URL into /workspace/repo.
set -eu
if [ -d repo/.git ]; then
  git -C repo pull --ff-only
else
  git clone --depth 1 "${REPO_URL:?set REPO_URL}" repo
fi
