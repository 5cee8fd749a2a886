#!/usr/bin/env python3
"""Whole-page baseline: the `tesseract` command on each page plus label regexes.

This is what a city's staff would otherwise script: OCR every whole page with the
stock `tesseract` command (jpn, psm 3, OMP_THREAD_LIMIT=1), then pull each field's
value out of the text with regexes keyed on the printed labels, normalise it, and
compare with the canonical `values` of the batch's ground_truth.json.

Usage:
    python3 tools/baseline/wholepage.py BATCH_DIR [BATCH_DIR...] [--json] [--jobs 1]
        [--lang jpn] [--raw-dir DIR] [--show-misses]

Standard library only.  See docs/baseline.md for what is counted and why.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import difflib
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PSM = 3
TEXT_KINDS = {"text", "katakana", "date", "digits", "my_number", "postal", "phone", "number"}
MARK_KINDS = {"choice", "checkbox"}   # tick boxes: not readable from whole-page text

# --------------------------------------------------------------------------- OCR


class BaselineError(Exception):
    pass


def check_tesseract(lang: str) -> str:
    """Return the tesseract version string or raise with an installation hint."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise BaselineError(
            "the `tesseract` command was not found on PATH.\n"
            "Install it with: sudo apt-get install tesseract-ocr tesseract-ocr-jpn")
    try:
        ver = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as e:
        raise BaselineError(f"could not run `{exe}`: {e}") from e
    first = (ver.stdout or ver.stderr).strip().splitlines()
    version = first[0].split()[-1] if first else "unknown"
    installed = {l.strip() for l in (langs.stdout + langs.stderr).splitlines()[1:] if l.strip()}
    for part in lang.split("+"):
        if part not in installed:
            pkg = f"tesseract-ocr-{part.replace('_', '-').lower()}"
            raise BaselineError(
                f"tesseract has no '{part}' language data (installed: {', '.join(sorted(installed)) or 'none'}).\n"
                f"Install it with: sudo apt-get install {pkg}")
    return version


def ocr_page(path: Path, lang: str) -> tuple[str, float]:
    """Run `tesseract FILE stdout -l LANG --psm 3` with OMP_THREAD_LIMIT=1; return (text, wall seconds)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    cmd = ["tesseract", str(path), "stdout", "-l", lang, "--psm", str(PSM)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=env)
    dt = time.perf_counter() - t0
    if proc.returncode != 0:
        raise BaselineError(f"tesseract failed on {path} (exit {proc.returncode}): "
                            f"{proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout.decode("utf-8", "replace"), dt

# ------------------------------------------------------------------ normalising

DASHES = "-‐‑‒–—―−ー一－ｰ~〜～"
DASH_RE = "[" + re.escape(DASHES) + "]"
SPACE_RE = re.compile(r"[\s\u3000]+")
JUNK_EDGES = " \t|[](){}<>'\"`.,:;・。、!！?？_*#"

# era: (first day, last day); a date outside its era's range is not a date
ERAS = {
    "明治": (datetime.date(1868, 1, 25), datetime.date(1912, 7, 29)),
    "大正": (datetime.date(1912, 7, 30), datetime.date(1926, 12, 24)),
    "昭和": (datetime.date(1926, 12, 25), datetime.date(1989, 1, 7)),
    "平成": (datetime.date(1989, 1, 8), datetime.date(2019, 4, 30)),
    "令和": (datetime.date(2019, 5, 1), datetime.date(9999, 12, 31)),
}
ERA_LETTER = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}
ERA_BASE = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}

WAREKI_RE = re.compile(
    r"(明治|大正|昭和|平成|令和)\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})")
LETTER_RE = re.compile(
    r"(?<![A-Za-z])([MTSHR])\s*(元|\d{1,2})\s*[.,/・-]\s*(\d{1,2})\s*[.,/・-]\s*(\d{1,2})", re.I)
WESTERN_RE = re.compile(r"((?:18|19|20)\d\d)\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})")


def nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


def wareki_to_iso(era: str, year: str, month: str, day: str) -> str | None:
    """和暦 → ISO 8601; None if the date does not exist (Feb 30, 平成31年5月1日, ...)."""
    y = 1 if year == "元" else int(year)
    if y < 1:
        return None
    try:
        d = datetime.date(ERA_BASE[era] + y, int(month), int(day))
    except ValueError:
        return None
    first, last = ERAS[era]
    if not (first <= d <= last):
        return None
    return d.isoformat()


def norm_date(v: str) -> str | None:
    v = re.sub(r"(?<=\d)\s+(?=\d)", "", nfkc(v))     # full-width digits come out as `3 1`
    m = WAREKI_RE.search(v)
    if m:
        return wareki_to_iso(*m.groups())
    m = LETTER_RE.search(v)
    if m:
        era = ERA_LETTER[m.group(1).upper()]
        return wareki_to_iso(era, m.group(2), m.group(3), m.group(4))
    m = WESTERN_RE.search(v)
    if m:
        try:
            return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    return None


def norm_text(v: str, kind: str) -> str | None:
    # a name or an address never starts with a hyphen: a leading one is a stray mark
    v = SPACE_RE.sub("", nfkc(v)).strip(JUNK_EDGES).lstrip("-‐‑‒–—―−~").strip(JUNK_EDGES)
    if kind == "katakana":
        # a dash-like mark after katakana is the long-vowel mark
        v = re.sub(r"(?<=[\u30a1-\u30fa])" + DASH_RE, "ー", v)
    else:
        # a dash-like mark between digits is a hyphen (addresses: 3-29-17)
        v = re.sub(r"(?<=\d)" + DASH_RE + r"(?=\d)", "-", v)
    return v or None


def norm_my_number(v: str) -> str | None:
    v = nfkc(v)
    m = re.search(r"\d(?:[\s" + re.escape(DASHES) + r"]*\d){11}", v)
    digits = re.sub(r"\D", "", m.group(0) if m else v)
    return digits or None


def norm_digits(v: str) -> str | None:
    digits = re.sub(r"\D", "", nfkc(v))
    return digits or None


def norm_postal(v: str) -> str | None:
    v = nfkc(v)
    m = re.search(r"(?<!\d)(\d{3})\s*(?:" + DASH_RE + r")?\s*(\d{4})(?!\d)", v)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    digits = re.sub(r"\D", "", v)
    return digits or None


def norm_phone(v: str) -> str | None:
    v = re.sub(DASH_RE, "-", nfkc(v))
    v = SPACE_RE.sub("", v)
    m = re.search(r"(?<!\d)\d{2,5}-\d{1,4}-\d{3,4}(?!\d)", v)
    if m:
        return m.group(0)
    digits = re.sub(r"\D", "", v)
    if len(digits) == 11:                       # 090-1234-5678
        return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    if len(digits) == 10:                       # 042-754-1111 (市外局番 3 digits)
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return v.strip(JUNK_EDGES) or None


def norm_number(v: str) -> int | None:
    v = nfkc(v)
    m = re.search(r"\d[\d,.\s]*", v)
    if not m:
        return None
    digits = re.sub(r"\D", "", m.group(0))
    return int(digits) if digits else None


def normalise(kind: str, raw: str | None):
    if raw is None:
        return None
    if kind == "date":
        return norm_date(raw)
    if kind in ("text", "katakana"):
        return norm_text(raw, kind)
    if kind == "my_number":
        return norm_my_number(raw)
    if kind == "digits":
        return norm_digits(raw)
    if kind == "postal":
        return norm_postal(raw)
    if kind == "phone":
        return norm_phone(raw)
    if kind == "number":
        return norm_number(raw)
    return None

# ------------------------------------------------------------------- extraction


def label_pattern(label: str) -> str:
    """Regex for a printed label: NFKC, any spacing between characters (Tesseract puts
    spaces between CJK glyphs), a trailing parenthesis such as (円) optional."""
    label = nfkc(label)
    paren = ""
    m = re.match(r"^(.*?)\s*\((.*)\)$", label)
    if m:
        label = m.group(1)
        paren = r"(?:\s*[(\[{][^)\]}\s]{0,3}[)\]}]?)?"
    return r"\s*".join(re.escape(c) for c in label if not c.isspace()) + paren


class FormRules:
    """Label regexes and row structure derived from a form's layout.json."""

    def __init__(self, layout: dict):
        self.form = layout["form"]
        self.fields = layout["fields"]
        self.kind = {f["name"]: f["kind"] for f in self.fields}
        # aliases: the printed label and the field name (e.g. 個人番号 for 受給者個人番号,
        # which is printed on two lines); longest first so 児童生年月日 beats 生年月日.
        self.aliases: list[tuple[str, str, re.Pattern]] = []
        for f in self.fields:
            for a in dict.fromkeys([f["label"], f["name"]]):
                self.aliases.append((f["name"], nfkc(a), re.compile(label_pattern(a))))
        self.aliases.sort(key=lambda t: -len(t[1]))
        # rows of the ruled table, top to bottom, fields left to right
        rows: dict[int, list[dict]] = {}
        for f in self.fields:
            rows.setdefault(f["zone"][1], []).append(f)
        self.rows = [sorted(r, key=lambda f: f["zone"][0]) for _, r in sorted(rows.items())]
        self.order = {f["name"]: (i, j) for i, r in enumerate(self.rows) for j, f in enumerate(r)}

    def in_form_order(self, cands):
        """Keep the label matches that follow the form's order (rows top to bottom; the
        fields of one row left to right on one line, or on lines of their own in any
        order): the best such chain, exact labels counting twice as much as fuzzy ones,
        so that an option printed in a tick-box row (世帯主 in 届出人) or a misread label
        is not taken for a label.  One match per field."""
        cands = sorted(cands, key=lambda c: (c[0], c[1]))

        def follows(p, c):
            (rp, cp), (rc, cc) = self.order[p[3]], self.order[c[3]]
            same_line_ok = p[0] < c[0] or p[2] <= c[1]
            if rp < rc:
                return same_line_ok
            return rp == rc and p[3] != c[3] and (p[0] != c[0] or (cp < cc and p[2] <= c[1]))

        weight = {"label": 2, "fuzzy": 1}
        best: list[tuple[int, list]] = []            # best chain ending at each candidate
        for k, c in enumerate(cands):
            score, chain = weight[c[4]], [c]
            for j in range(k):
                sj, cj = best[j]
                if sj + weight[c[4]] > score and follows(cands[j], c) \
                        and all(x[3] != c[3] for x in cj):
                    score, chain = sj + weight[c[4]], cj + [c]
            best.append((score, chain))
        chain = max(best, key=lambda t: t[0], default=(0, []))[1]
        found = {c[3]: (c[0], c[1], c[2]) for c in chain}
        method = {c[3]: c[4] for c in chain}
        return found, method


def chunks_of(s: str, gap: int = 2) -> list[tuple[int, int]]:
    """(start, end) spans of text separated by at least `gap` spaces."""
    return [(m.start(), m.end()) for m in re.finditer(r"\S+(?: {1,%d}\S+)*" % (gap - 1), s)]


def has_content(s: str) -> bool:
    return any(c.isalnum() for c in s)


def columns(seg: str, gap: int) -> list[str]:
    """Pieces of `seg` split at wide gaps and at `|` (a ruled cell line read as a
    character), keeping only pieces with a letter or digit in them."""
    out = []
    for a, b in chunks_of(seg, gap):
        out += [p.strip() for p in seg[a:b].split("|") if has_content(p)]
    return out


def value_after(line: str, start: int, stop: int) -> str:
    """The value after a label: the rest of the line up to the next label, without
    leading punctuation junk, cut at a wide gap or a cell rule (another column)."""
    cols = columns(line[start:stop], gap=3)
    return cols[0] if cols else ""


def extract(text: str, rules: FormRules) -> tuple[dict, dict]:
    """Return ({field: raw string or None}, {field: method}) for the text-like fields."""
    lines = [nfkc(l).replace("\t", " ") for l in text.splitlines()]
    notes = [i for i, l in enumerate(lines) if l.lstrip().startswith("※")]

    # 1. exact label matches (any spacing), at the start of a column
    cands = []                                       # (line, start, end, field, method)
    for i, line in enumerate(lines):
        if i in notes or not line.strip():
            continue
        per_line = []
        for name, alias, rx in rules.aliases:
            for m in rx.finditer(line):
                # start of a column: start of line / after spaces or junk, or a few
                # garbled characters of a longer printed label before it (請求者氏名)
                word = re.split(r"\s", line[:m.start()])[-1]
                if len(word.strip(JUNK_EDGES)) > 3:
                    continue
                # a label of the table's left column starts its line
                if rules.order[name][1] == 0 and \
                        len(SPACE_RE.sub("", line[:m.start()]).strip(JUNK_EDGES)) > 3:
                    continue
                per_line.append((m.start(), -(m.end() - m.start()), m.end(), name))
        per_line.sort()
        taken: list[tuple[int, int]] = []
        for s, _, e, name in per_line:                # longest label wins an overlap
            if not any(s < te and e > ts for ts, te in taken):
                taken.append((s, e))
                cands.append((i, s, e, name, "label"))
    found, method = rules.in_form_order(cands)

    # 2. fuzzy label match on column starts that are not labels yet (misread labels
    #    such as 世帯キ for 世帯主); only labels of 3+ characters, similarity >= 0.6
    spans = {}
    for i, s, e in found.values():
        spans.setdefault(i, []).append((s, e))
    for i, line in enumerate(lines):
        if i in notes or not line.strip():
            continue
        for n_chunk, (a, b) in enumerate(chunks_of(line)):
            if any(a < te and b > ts for ts, te in spans.get(i, [])):
                continue
            chunk = SPACE_RE.sub("", line[a:b])
            best = None
            for name, alias, _ in rules.aliases:
                if name in found or len(alias) < 3 or len(chunk) < len(alias) - 1:
                    continue
                if rules.order[name][1] == 0 and n_chunk > 0:   # left column: line start
                    continue
                r = difflib.SequenceMatcher(None, chunk[:len(alias)], alias).ratio()
                if r >= 0.6 and (best is None or r > best[0]):
                    best = (r, name, alias)
            if best is None:
                continue
            _, name, alias = best
            if len(chunk) <= len(alias) + 1:
                e = b                              # the whole column is the label
            else:                                  # label glued to the value
                n, e = 0, a
                while n < len(alias) and e < b:
                    n += not line[e].isspace()
                    e += 1
            cands.append((i, a, e, name, "fuzzy"))
            spans.setdefault(i, []).append((a, e))
    found, method = rules.in_form_order(cands)
    spans_by_line: dict[int, list[tuple[int, int, str]]] = {}
    for name, (i, s, e) in found.items():
        spans_by_line.setdefault(i, []).append((s, e, name))

    raw: dict[str, str | None] = {}
    for name, (i, s, e) in found.items():
        spans = spans_by_line[i]
        nxt = min([ts for ts, _, _ in spans if ts >= e] + [len(lines[i])])
        raw[name] = value_after(lines[i], e, nxt)

    # 3. the form's row order, for labels Tesseract garbled beyond recognition and
    #    values it put on a line of their own
    anchors: list[tuple[int, int]] = []              # (row, line), rows and lines increasing
    for r, row in enumerate(rules.rows):
        ls = [found[f["name"]][0] for f in row if f["name"] in found]
        if ls and (not anchors or min(ls) > anchors[-1][1]):
            anchors.append((r, min(ls)))
    if anchors:
        after_last = [n for n in notes if n > anchors[-1][1]]
        if after_last and anchors[-1][0] < len(rules.rows) - 1:
            anchors.append((len(rules.rows), after_last[0]))     # the notes below the table
    labelled = set(spans_by_line)
    if anchors and anchors[0][0] == 1:
        # only the first row's label is lost: its line is the one just above row 2
        above = [i for i in range(anchors[0][1]) if has_content(lines[i])]
        if above and above[-1] not in labelled and above[-1] not in notes:
            anchors.insert(0, (-1, above[-1] - 1))
    for (ra, la), (rb, lb) in zip(anchors, anchors[1:]):
        orphans = [i for i in range(la + 1, lb)
                   if i not in labelled and i not in notes and has_content(lines[i])]
        missing = list(range(ra + 1, rb))
        if orphans and len(orphans) == len(missing):
            for r, i in zip(missing, orphans):
                row = rules.rows[r]
                cols = columns(lines[i], gap=2)
                if not cols:
                    continue
                if len(row) == 1:
                    name = row[0]["name"]
                    raw[name] = " ".join(cols[1:]) if len(cols) >= 2 else cols[0]
                    method[name] = "row"
                elif len(cols) == 2 * len(row):          # label value label value
                    for k, f in enumerate(row):
                        raw[f["name"]] = cols[2 * k + 1]
                        method[f["name"]] = "row"
        elif len(orphans) == 1 and not missing:
            # a value printed on its own line next to its (empty) label
            empty = [f["name"] for r in (ra, rb) if 0 <= r < len(rules.rows) for f in rules.rows[r]
                     if f["name"] in found and not has_content(raw.get(f["name"], ""))]
            if len(empty) == 1:
                raw[empty[0]] = lines[orphans[0]]
                method[empty[0]] = "own-line"

    # 4. two fields on one row, one label garbled: the text on its side of the other label
    for row in rules.rows:
        if len(row) != 2:
            continue
        (left, right) = row
        ln, rn = left["name"], right["name"]
        if ln in found and rn not in found and rn not in raw:
            i, s, e = found[ln]
            rest = [c for col in columns(lines[i][e:], gap=3)[1:] for c in columns(col, gap=2)]
            if rest:                               # the value is the last column
                raw[rn] = rest[-1]
                method[rn] = "row"
        elif rn in found and ln not in found and ln not in raw:
            i, s, e = found[rn]
            cols = columns(lines[i][:s], gap=2)
            if len(cols) >= 2:
                raw[ln] = " ".join(cols[1:])
                method[ln] = "row"

    out = {}
    for f in rules.fields:
        if f["kind"] in MARK_KINDS:
            continue
        v = raw.get(f["name"])
        out[f["name"]] = v if v is not None and has_content(v) else None
        method.setdefault(f["name"], "none")
    return out, method

# -------------------------------------------------------------------- scoring


def load_batch(batch: Path):
    gt_path = batch / "ground_truth.json"
    if not gt_path.is_file():
        raise BaselineError(f"{gt_path} not found (is {batch} a batch directory?)")
    gt = json.loads(gt_path.read_text(encoding="utf-8"))
    layout_path = REPO / gt["layout"]
    if not layout_path.is_file():
        layout_path = REPO / "workflows" / "templates" / f"{gt['form']}.layout.json"
    layout = json.loads(layout_path.read_text(encoding="utf-8"))
    return gt, FormRules(layout)


def score_page(entry: dict, text: str, rules: FormRules) -> dict:
    raw, method = extract(text, rules)
    fields = []
    for f in rules.fields:
        name, kind = f["name"], f["kind"]
        truth = entry["values"].get(name)
        if kind in MARK_KINDS:
            fields.append({"field": name, "kind": kind, "truth": truth, "got": None,
                           "raw": None, "read": False, "exact": False, "method": "not-read"})
            continue
        got = normalise(kind, raw.get(name))
        fields.append({"field": name, "kind": kind, "truth": truth, "got": got, "raw": raw.get(name),
                       "read": True, "exact": got == truth, "method": method.get(name, "none")})
    return {"file": entry["file"], "fields": fields}


def pct(n: int, d: int) -> float | None:
    return round(100.0 * n / d, 1) if d else None


def summarise(pages: list[dict]) -> dict:
    allf = [f for p in pages for f in p["fields"]]
    text = [f for f in allf if f["read"]]
    nonblank = [f for f in text if f["truth"] is not None]
    return {
        "fields": len(allf),
        "exact_fields": sum(f["exact"] for f in allf),
        "accuracy_pct": pct(sum(f["exact"] for f in allf), len(allf)),
        "text_fields": len(text),
        "text_exact": sum(f["exact"] for f in text),
        "text_accuracy_pct": pct(sum(f["exact"] for f in text), len(text)),
        "nonblank_text_fields": len(nonblank),
        "nonblank_text_exact": sum(f["exact"] for f in nonblank),
        "nonblank_text_accuracy_pct": pct(sum(f["exact"] for f in nonblank), len(nonblank)),
        "mark_fields": len(allf) - len(text),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("batches", nargs="+", type=Path, metavar="BATCH_DIR",
                    help="directory with ground_truth.json and the page files")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    ap.add_argument("--jobs", type=int, default=1, help="tesseract processes in parallel (default 1)")
    ap.add_argument("--lang", default="jpn", help="tesseract language (default jpn)")
    ap.add_argument("--raw-dir", type=Path, help="keep each page's OCR text as DIR/<file>.txt")
    ap.add_argument("--from-raw", type=Path, metavar="DIR",
                    help="score OCR text kept earlier with --raw-dir instead of running tesseract "
                         "(no timing figures)")
    ap.add_argument("--show-misses", action="store_true",
                    help="list every text-like field that was not exactly right (to stderr)")
    args = ap.parse_args(argv)
    if args.jobs < 1:
        ap.error("--jobs must be at least 1")

    try:
        version = None if args.from_raw else check_tesseract(args.lang)
        work = []                                   # (batch, entry, rules)
        for b in args.batches:
            gt, rules = load_batch(b)
            for entry in gt["files"]:
                path = b / entry["file"]
                if not path.is_file():
                    raise BaselineError(f"{path} is listed in ground_truth.json but missing")
                work.append((b, entry, rules, gt["form"]))
        if not work:
            raise BaselineError("no pages listed in the ground truth")
        if args.raw_dir or args.from_raw:
            stems = [Path(w[1]["file"]).stem for w in work]
            dup = sorted({x for x in stems if stems.count(x) > 1})
            if dup:
                raise BaselineError(f"two batches have pages named {dup[0]}: the kept OCR text is named "
                                    "by file, so use a separate --raw-dir/--from-raw for each")
        if args.raw_dir:
            args.raw_dir.mkdir(parents=True, exist_ok=True)

        t0 = time.perf_counter()
        if args.from_raw:
            ocr = []
            for w in work:
                kept = args.from_raw / (Path(w[1]["file"]).stem + ".txt")
                if not kept.is_file():
                    raise BaselineError(f"{kept} not found (keep OCR text with --raw-dir first)")
                ocr.append((kept.read_text(encoding="utf-8"), None))
        else:
            with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
                ocr = list(pool.map(lambda w: ocr_page(w[0] / w[1]["file"], args.lang), work))
        wall = time.perf_counter() - t0
    except BaselineError as e:
        print(f"wholepage: {e}", file=sys.stderr)
        return 2
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)

    pages, by_form = [], {}
    for (b, entry, rules, form), (text, dt) in zip(work, ocr):
        if args.raw_dir:
            (args.raw_dir / (Path(entry["file"]).stem + ".txt")).write_text(text, encoding="utf-8")
        page = score_page(entry, text, rules)
        page["seconds"] = dt
        page["form"] = form
        pages.append(page)
        by_form.setdefault(form, []).append(page)

    timed = not args.from_raw
    secs = [p["seconds"] for p in pages] if timed else []

    def r3(x):
        return round(x, 3) if x is not None else None

    methods: dict[str, int] = {}
    for p in pages:
        for f in p["fields"]:
            methods[f["method"]] = methods.get(f["method"], 0) + 1
    forms = {}
    for form, ps in by_form.items():
        per_field: dict[str, list[int]] = {}
        for p in ps:
            for f in p["fields"]:
                per_field.setdefault(f["field"], [0, 0])
                per_field[f["field"]][0] += f["exact"]
                per_field[f["field"]][1] += 1
        forms[form] = {"pages": len(ps), **summarise(ps),
                       "mean_seconds_per_page": r3(statistics.fmean(p["seconds"] for p in ps)) if timed else None,
                       "exact_by_field": {k: {"exact": v[0], "of": v[1]} for k, v in per_field.items()}}
    result = {
        "baseline": "tesseract whole page + label regexes",
        "command": f"OMP_THREAD_LIMIT=1 tesseract FILE stdout -l {args.lang} --psm {PSM}",
        "tesseract_version": version,
        "lang": args.lang,
        "psm": PSM,
        "jobs": args.jobs,
        "batches": [str(b) for b in args.batches],
        "pages": len(pages),
        **summarise(pages),
        "blank_policy": "fields whose ground truth is null are counted; right when nothing is read",
        "mark_policy": "choice/checkbox fields are counted as not read (wrong)",
        "mean_seconds_per_page": r3(statistics.fmean(secs)) if timed else None,
        "median_seconds_per_page": r3(statistics.median(secs)) if timed else None,
        "min_seconds_per_page": r3(min(secs)) if timed else None,
        "max_seconds_per_page": r3(max(secs)) if timed else None,
        "wall_seconds": r3(wall) if timed else None,
        "pages_per_minute": round(60.0 * len(pages) / wall, 1) if timed else None,
        "child_cpu_seconds": r3(usage.ru_utime + usage.ru_stime) if timed else None,
        "peak_rss_mb": round(usage.ru_maxrss / 1024.0, 1) if timed else None,   # Linux: KiB
        "extraction_methods": dict(sorted(methods.items())),
        "forms": forms,
    }

    if args.show_misses:
        for p in pages:
            for f in p["fields"]:
                if f["read"] and not f["exact"]:
                    print(f"{p['file']}\t{f['field']}\t{f['method']}\ttruth={f['truth']!r}\t"
                          f"got={f['got']!r}\traw={f['raw']!r}", file=sys.stderr)

    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0

    r = result

    def sp(x):
        return f"{x:.3f}" if x is not None else "n/a"

    src = f"OCR text from {args.from_raw}" if args.from_raw else f"tesseract {version}, jobs {args.jobs}"
    print(f"whole-page baseline: {r['command']}  ({src})")
    hdr = f"{'form':<10} {'pages':>5} {'fields':>6} {'exact':>5} {'acc %':>6} {'text':>5} {'text %':>6} {'s/page':>7}"
    print(hdr)
    print("-" * len(hdr))
    for form, s in r["forms"].items():
        print(f"{form:<10} {s['pages']:>5} {s['fields']:>6} {s['exact_fields']:>5} {s['accuracy_pct']:>6} "
              f"{s['text_fields']:>5} {s['text_accuracy_pct']:>6} {sp(s['mean_seconds_per_page']):>7}")
    print("-" * len(hdr))
    print(f"{'all':<10} {r['pages']:>5} {r['fields']:>6} {r['exact_fields']:>5} {r['accuracy_pct']:>6} "
          f"{r['text_fields']:>5} {r['text_accuracy_pct']:>6} {sp(r['mean_seconds_per_page']):>7}")
    print()
    print(f"text fields exactly right: {r['text_exact']}/{r['text_fields']} = {r['text_accuracy_pct']} %"
          f"  (excluding blank ground truth: {r['nonblank_text_exact']}/{r['nonblank_text_fields']}"
          f" = {r['nonblank_text_accuracy_pct']} %)")
    print(f"all fields exactly right:  {r['exact_fields']}/{r['fields']} = {r['accuracy_pct']} %"
          f"  ({r['mark_fields']} check-box/choice fields counted as not read)")
    if timed:
        print(f"seconds per page: mean {r['mean_seconds_per_page']}, median {r['median_seconds_per_page']}"
              f" (min {r['min_seconds_per_page']}, max {r['max_seconds_per_page']})")
        print(f"wall {r['wall_seconds']} s for {r['pages']} pages = {r['pages_per_minute']} pages/min;"
              f" tesseract CPU {r['child_cpu_seconds']} s; peak RSS of a tesseract process {r['peak_rss_mb']} MB")
    print(f"how values were found: {', '.join(f'{k} {v}' for k, v in r['extraction_methods'].items())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
