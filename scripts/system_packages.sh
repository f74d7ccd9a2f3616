#!/usr/bin/env bash
# Install the Debian packages the browser tests use (Chromium), only if they are missing.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-noto-cjk >/dev/null
echo "installed: $(chromium --version)"
