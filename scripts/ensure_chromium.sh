#!/usr/bin/env bash
# Make sure Debian's Chromium (and its driver) is installed, for the browser tests (tests/interfaces/
# test_web_browser.py drive it with Playwright for Python; Playwright's own browser download is not used).
# Installs the packages with apt-get when /usr/bin/chromium is missing; starts nothing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "Chromium is not installed and this is not root: run 'sudo apt-get install -y chromium chromium-driver'" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium chromium-driver >/dev/null
