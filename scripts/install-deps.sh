#!/usr/bin/env bash
# Installs the system packages rpa needs on Debian/Ubuntu, skipping those already present.
# Safe to run again: it does nothing when everything is installed.
set -euo pipefail

packages=(
  pkg-config
  libtesseract-dev libleptonica-dev   # OCR and imaging libraries (linked in-process)
  libjpeg-dev                         # JPEG pages decoded straight to gray (Sources/CImaging)
  libre2-dev                          # RE2: workflow regexes in linear time, no backtracking (Sources/CRE2)
  tesseract-ocr tesseract-ocr-jpn tesseract-ocr-eng # the command (benchmark baseline) and language models
  tesseract-ocr-script-jpan           # the Japanese script model, a second opinion on jpn fields
  poppler-utils                       # pdftoppm/pdfinfo for PDF scans
  libsqlite3-dev                      # the time-saved ledger
  fonts-ipafont fonts-noto-cjk        # sample generator: Japanese fonts
  chromium                            # the review station's browser test (headless, driven by Playwright)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The sample generator's Python packages (pinned), for its tests and for making benchmark sets.
if ! python3 -c 'import PIL, numpy, yaml, jsonschema, pytest, playwright' 2>/dev/null; then
  echo "Installing Python packages from tools/requirements.txt"
  python3 -m pip install -q -r "$(dirname "$0")/../tools/requirements.txt"
fi

if ! command -v swift >/dev/null; then
  echo "error: Swift 6 is not on PATH; install the Swift toolchain from swift.org (6.0 or later)" >&2
  exit 69
fi
