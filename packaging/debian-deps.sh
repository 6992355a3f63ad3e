#!/usr/bin/env bash
# Installs the Debian packages Parallel Reader needs (Qt's runtime libraries, a font, venv support, poppler for
# the PDF tests). As root it runs apt-get; otherwise it prints the exact command and stops.
set -euo pipefail
PKGS=(python3 python3-venv python3-pip libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
      fonts-dejavu-core libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
      libxcb-shape0 libxcb-xkb1 poppler-utils)
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not a Debian-family system: nothing to check
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "Parallel Reader needs these Debian packages. Run as root:" >&2
  echo "  sudo sh -c '$line'" >&2
  exit 1
fi
