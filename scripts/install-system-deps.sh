#!/usr/bin/env bash
# Debian packages the tests need, installed only when missing (idempotent).
#   chromium: the browser tests drive it headless through Playwright (no browser download).
#   poppler-utils: pdftoppm renders the SITREP PDF to PNG in the report tests (the PDF embeds
#   matplotlib's DejaVu fonts, so no font package is needed).
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
echo "installing Debian packages: ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
