#!/usr/bin/env bash
# Installs everything abmcontent needs on a fresh Debian machine (idempotent):
# Debian packages (fonts, LibreOffice and its Python bindings for unoserver, poppler,
# HarfBuzz subsetter, Chromium for browser tests) and the Python package with its
# development and distributed extras.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  fonts-noto-cjk fonts-noto-core fonts-dejavu-core
  libreoffice-impress libreoffice-writer
  python3-uno
  poppler-utils
  libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0
  chromium
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

stamp=".setup-done"
want="$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || ! command -v abmcontent >/dev/null; then
  echo "bootstrap: installing abmcontent with its dev and distributed extras"
  python3 -m pip install --quiet --disable-pip-version-check -e ".[dev,distributed]"
  echo "$want" > "$stamp"
fi
