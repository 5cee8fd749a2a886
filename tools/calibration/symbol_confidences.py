"""Per-character confidences and Tesseract's alternative choices for name fields (issue #12).

For each name zone of generated calibration batches, saves the zone as Tesseract sees it
(`rpa ocr --save-crops`, the pipeline's clean-up and scaling), reads it with libtesseract's `jpn` and
`lstm_choice_mode=2`, and prints, for the names whose two readings agreed below the confidence floor
(from an `rpa bench forms --fields` dump of the same batches), whether the value was right, its word
confidence, its lowest symbol confidence and its lowest top-choice confidence.

    python3 tools/calibration/symbol_confidences.py --rpa .build/release/rpa --dump FIELDS.jsonl \
        bench-out/cal-8301 bench-out/cal-8302 bench-out/cal-8303

Generated forms only (no real personal data); the crops go to a private temporary folder, removed after.
"""
from __future__ import annotations

import argparse
import ctypes
import json
import os
import subprocess
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("氏名", "児童氏名", "世帯主氏名")
RIL_SYMBOL = 4


def tesseract(language: str):
    lib = ctypes.CDLL("libtesseract.so.5")
    lept = ctypes.CDLL("liblept.so.5")
    p, s, i, f = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_float
    for name, res, args in [
        ("TessBaseAPICreate", p, []), ("TessBaseAPIInit3", i, [p, s, s]),
        ("TessBaseAPISetVariable", i, [p, s, s]), ("TessBaseAPISetPageSegMode", None, [p, i]),
        ("TessBaseAPISetImage2", None, [p, p]), ("TessBaseAPISetSourceResolution", None, [p, i]),
        ("TessBaseAPIRecognize", i, [p, p]), ("TessBaseAPIGetIterator", p, [p]),
        ("TessResultIteratorGetUTF8Text", p, [p, i]), ("TessResultIteratorConfidence", f, [p, i]),
        ("TessResultIteratorNext", i, [p, i]), ("TessResultIteratorGetChoiceIterator", p, [p]),
        ("TessChoiceIteratorGetUTF8Text", s, [p]), ("TessChoiceIteratorConfidence", f, [p]),
        ("TessChoiceIteratorNext", i, [p]), ("TessChoiceIteratorDelete", None, [p]),
        ("TessDeleteText", None, [p]), ("TessBaseAPIClear", None, [p]), ("TessResultIteratorDelete", None, [p]),
    ]:
        getattr(lib, name).restype, getattr(lib, name).argtypes = res, args
    lept.pixRead.restype, lept.pixRead.argtypes = p, [s]
    lept.pixDestroy.argtypes = [ctypes.POINTER(p)]
    api = lib.TessBaseAPICreate()
    tessdata = os.environ.get("TESSDATA_PREFIX", "/usr/share/tesseract-ocr/5/tessdata")
    if lib.TessBaseAPIInit3(api, tessdata.encode(), language.encode()) != 0:
        raise SystemExit(f"cannot load {language} from {tessdata}")
    lib.TessBaseAPISetVariable(api, b"lstm_choice_mode", b"2")
    lib.TessBaseAPISetVariable(api, b"debug_file", b"/dev/null")
    lib.TessBaseAPISetPageSegMode(api, 7)

    def symbols(png: Path) -> list[tuple[str, float, float]]:
        """(symbol, its confidence, its top choice's confidence) for each symbol read."""
        pix = ctypes.c_void_p(lept.pixRead(str(png).encode()))
        lib.TessBaseAPISetImage2(api, pix)
        lib.TessBaseAPISetSourceResolution(api, 300)
        lib.TessBaseAPIRecognize(api, None)
        found = []
        iterator = lib.TessBaseAPIGetIterator(api)
        while iterator:
            raw = lib.TessResultIteratorGetUTF8Text(iterator, RIL_SYMBOL)
            if raw:
                text = ctypes.cast(raw, ctypes.c_char_p).value.decode()
                lib.TessDeleteText(raw)
                choices = lib.TessResultIteratorGetChoiceIterator(iterator)
                top = lib.TessChoiceIteratorConfidence(choices) if choices else 0.0
                if choices:
                    lib.TessChoiceIteratorDelete(choices)
                found.append((text, lib.TessResultIteratorConfidence(iterator, RIL_SYMBOL), top))
            if not lib.TessResultIteratorNext(iterator, RIL_SYMBOL):
                lib.TessResultIteratorDelete(iterator)
                break
        lib.TessBaseAPIClear(api)
        lept.pixDestroy(ctypes.byref(pix))
        return found

    return symbols


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rpa", default=str(ROOT / ".build/release/rpa"))
    parser.add_argument("--dump", required=True, help="rpa bench forms --fields output for the same batches")
    parser.add_argument("batches", nargs="+")
    args = parser.parse_args()
    dump = {(row["file"], row["field"]): row for row in map(json.loads, open(args.dump, encoding="utf-8"))}
    symbols = tesseract("jpn")
    rows = []
    with tempfile.TemporaryDirectory(prefix="rpa-symbols-") as scratch:
        for batch in map(Path, args.batches):
            form = json.loads((batch / "ground_truth.json").read_text(encoding="utf-8"))["form"]
            workflow = yaml.safe_load((ROOT / "workflows" / f"{form}.yml").read_text(encoding="utf-8"))
            fields = [f for f in workflow["fields"] if f["name"] in NAMES]
            zones = [a for f in fields for a in ("--zone", ",".join(map(str, f["zone"])))]
            for scan in sorted(p for p in batch.iterdir() if p.suffix in (".tif", ".jpg", ".png")):
                crops = Path(scratch) / scan.stem
                crops.mkdir()
                subprocess.run([args.rpa, "ocr", str(scan), "--template", str(ROOT / "workflows" / workflow["template"]["image"]),
                                *zones, "--lang", "jpn", "--save-crops", str(crops)], check=True, capture_output=True)
                for number, field in enumerate(fields, start=1):
                    row = dump.get((scan.name, field["name"]))
                    crop = crops / f"zone-{number}.png"  # none for a blank zone
                    read = symbols(crop) if crop.exists() else []
                    if row and read and row.get("agree") and row["confidence"] < 60:
                        rows.append((row["right"], row["confidence"], min(c for _, c, _ in read),
                                     min(t for _, _, t in read)))
    print("right  word-confidence  lowest-symbol-confidence  lowest-top-choice-confidence")
    for right, word, symbol, top in sorted(rows, key=lambda r: r[2]):
        print(f"{'right' if right else 'WRONG'}  {word:5.1f}  {symbol:5.1f}  {top:5.1f}")


if __name__ == "__main__":
    main()
