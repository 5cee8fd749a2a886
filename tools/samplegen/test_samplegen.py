"""Tests of the sample generator: reproducibility, ground truth, transforms.

Run from the repository root:  python3 -m pytest -q tools/samplegen
"""

from __future__ import annotations

import datetime as dt
import filecmp
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.dirname(HERE)
REPO = os.path.dirname(TOOLS)
sys.path.insert(0, TOOLS)

from samplegen import batch, data, fill, fixtures, fonts, forms, hand, qr, wareki  # noqa: E402

# (form, seed) of every committed batch: samples/<form>/batch-01, office profile, 10 forms
COMMITTED = [("juminhyo", 104), ("jidoteate", 202), ("tennyu", 301)]


# (form, seed) of every committed handwritten batch: samples/<form>/hand-01, --hand calibration, office, 6 forms
COMMITTED_HAND = [("juminhyo", 9102), ("jidoteate", 9101), ("tennyu", 9103)]


def committed_dir(form: str, folder: str = "batch-01") -> str:
    return os.path.join(REPO, "samples", form, folder)


def load_truth(d: str) -> dict:
    with open(os.path.join(d, "ground_truth.json"), encoding="utf-8") as fh:
        return json.load(fh)


def assert_same_tree(a: str, b: str) -> None:
    names_a = sorted(os.listdir(a))
    names_b = sorted(n for n in os.listdir(b) if n != "__pycache__")
    assert names_a == names_b
    diff = [n for n in names_a if not filecmp.cmp(os.path.join(a, n), os.path.join(b, n), shallow=False)]
    assert not diff, (f"files differ from {b}: {diff} (a different Pillow/numpy/font version "
                      f"changes the bytes; regenerate with the command in docs/samples.md)")


# ---------------------------------------------------------------- unit checks

def test_my_number_check_digit():
    assert wareki.my_number_check_digit("12345678901") == 8
    assert wareki.my_number_valid("123456789018")
    assert not wareki.my_number_valid("123456789012")
    assert not wareki.my_number_valid("12345678901")


def test_wareki_formats():
    assert wareki.format_wareki(dt.date(2025, 4, 1)) == "令和7年4月1日"
    assert wareki.format_wareki(dt.date(2019, 5, 1)) == "令和元年5月1日"
    assert wareki.format_wareki(dt.date(2019, 4, 30)) == "平成31年4月30日"
    assert wareki.format_wareki(dt.date(1989, 1, 7)) == "昭和64年1月7日"
    assert wareki.format_wareki(dt.date(2025, 4, 1), "letter") == "R7.4.1"


def parse_wareki(s: str) -> dt.date:
    """Strict parser used to check printed dates against canonical values."""
    starts = {k: start for k, _, start in wareki.ERAS}
    letters = {letter: k for k, letter, _ in wareki.ERAS}
    m = re.fullmatch(r"(令和|平成|昭和|大正|明治)(元|\d+)年(\d+)月(\d+)日", s)
    if m:
        era, y, mo, d = m.group(1), m.group(2), int(m.group(3)), int(m.group(4))
        y = 1 if y == "元" else int(y)
    else:
        m = re.fullmatch(r"([RHSTM])(\d+)\.(\d+)\.(\d+)", s)
        assert m, s
        era, y, mo, d = letters[m.group(1)], int(m.group(2)), int(m.group(3)), int(m.group(4))
    date = dt.date(starts[era].year + y - 1, mo, d)      # ValueError for 2月30日 etc.
    if date < starts[era]:
        raise ValueError("before the era began")
    k, _, yy = wareki.era_of(date)
    if k != era:
        raise ValueError("after the era ended")
    return date


# ---------------------------------------------------------------- reproducibility

@pytest.mark.parametrize("form,seed", COMMITTED)
def test_committed_batch_is_reproducible(tmp_path, form, seed):
    out = tmp_path / form
    batch.generate_batch(form, 10, seed, str(out), profile="office")
    assert_same_tree(str(out), committed_dir(form))


def test_committed_qr_batch_is_reproducible(tmp_path):
    """samples/tennyu-qr: the 転入届 with its values in a QR code, some stained, some torn."""
    out = tmp_path / "tennyu-qr"
    batch.generate_batch("tennyu", 10, 401, str(out), profile="office", qr=True)
    assert_same_tree(str(out), os.path.join(REPO, "samples", "tennyu-qr", "batch-01"))
    conditions = [f["qr"] for f in load_truth(str(out))["files"]]
    assert set(conditions) == {"intact", "stained", "torn"}


def test_every_relation_the_generator_writes_is_in_the_workflow_vocabulary():
    """workflows/tennyu.yml reads 続柄 against workflows/vocabularies/zokugara.txt."""
    with open(os.path.join(REPO, "workflows", "vocabularies", "zokugara.txt"), encoding="utf-8") as fh:
        listed = {line.strip() for line in fh if line.strip() and not line.startswith("#")}
    written = set()
    for seed in range(200):
        rec = fill.values_tennyu(random.Random(seed))
        written.add(rec.printed["続柄"])
    assert written and written <= listed, written - listed


def test_every_place_in_the_city_the_generator_writes_is_in_the_workflow_place_list():
    """The 住所 / 新住所 fields are matched to workflows/vocabularies/sagamihara-machiaza.txt, written
    with or without 神奈川県."""
    path = os.path.join(REPO, "workflows", "vocabularies", "sagamihara-machiaza.txt")
    with open(path, encoding="utf-8") as fh:
        listed = {line.strip() for line in fh if line.strip() and not line.startswith("#")}
    listed |= {entry.removeprefix("神奈川県") for entry in listed}
    places = set()
    for seed in range(300):
        address, _ = data.address_sagamihara(random.Random(seed))
        places.add(re.split(r"[0-9]", address, maxsplit=1)[0])
    assert len(places) > 30 and places <= listed, places - listed


def test_qr_payload_holds_the_printed_text_values():
    payload = json.loads(qr.payload({"氏名": "山田　花子", "性別": ["女"], "郵便番号": "", "続柄": "子"}))
    assert payload == {"氏名": "山田　花子", "続柄": "子"}


def test_same_seed_same_bytes_harsh(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        batch.generate_batch("tennyu", 3, 7, str(d), invalid=1, profile="harsh")
    assert_same_tree(str(a), str(b))
    c = tmp_path / "c"
    batch.generate_batch("tennyu", 3, 8, str(c), invalid=1, profile="harsh")
    assert load_truth(str(a))["files"][0]["values"] != load_truth(str(c))["files"][0]["values"]


def test_templates_are_reproducible(tmp_path):
    batch.write_templates(str(tmp_path))
    committed = os.path.join(REPO, "workflows", "templates")
    for name in sorted(os.listdir(tmp_path)):
        assert filecmp.cmp(tmp_path / name, os.path.join(committed, name), shallow=False), name


def test_fixtures_are_reproducible(tmp_path):
    fixtures.write_fixtures(str(tmp_path))
    assert_same_tree(str(tmp_path), os.path.join(REPO, "Tests", "Fixtures", "ocr"))


# ---------------------------------------------------------------- layout and fixtures

@pytest.mark.parametrize("form", list(forms.FORMS))
def test_layout_schema(form):
    with open(os.path.join(REPO, "workflows", "templates", f"{form}.layout.json"), encoding="utf-8") as fh:
        lay = json.load(fh)
    img = Image.open(os.path.join(REPO, "workflows", "templates", f"{form}.png"))
    assert img.size == (2480, 3508) and img.mode in ("L", "1")
    assert round(img.info["dpi"][0]) == 300
    assert lay["form"] == form and lay["dpi"] == 300 and lay["size"] == [2480, 3508]
    fx, fy, fw, fh = lay["frame"]
    a = np.asarray(img.convert("L"))
    # outer frame: at least 4 px of solid ink on every side
    assert (a[fy:fy + 4, fx:fx + fw] < 64).all() and (a[fy + fh - 4:fy + fh, fx:fx + fw] < 64).all()
    assert (a[fy:fy + fh, fx:fx + 4] < 64).all() and (a[fy:fy + fh, fx + fw - 4:fx + fw] < 64).all()
    assert 10 <= len(lay["fields"]) <= 14
    names = [f["name"] for f in lay["fields"]]
    assert len(names) == len(set(names))
    for f in lay["fields"]:
        assert f["kind"] in {"text", "date", "digits", "katakana", "my_number", "postal", "phone", "number",
                             "choice", "checkbox"}
        assert f["lang"] == ("eng" if f["kind"] in forms.ENG_KINDS else "jpn")
        zx, zy, zw, zh = f["zone"]
        assert fx < zx and fy < zy and zx + zw < fx + fw and zy + zh < fy + fh
        # the zone is blank in the template (inside the ruling) unless it holds check boxes
        if f["kind"] not in ("choice", "checkbox"):
            assert (a[zy:zy + zh, zx:zx + zw] == 255).all(), f["name"]
        else:
            for bx, by, bw, bh in f["options"].values():
                assert zx <= bx and bx + bw <= zx + zw and zy <= by and by + bh <= zy + zh


def test_fixture_files():
    d = os.path.join(REPO, "Tests", "Fixtures", "ocr")
    for name in os.listdir(d):
        assert os.path.getsize(os.path.join(d, name)) < 300_000, name
    assert os.path.getsize(os.path.join(d, "empty.png")) == 0
    clean = open(os.path.join(d, "card_clean.png"), "rb").read()
    trunc = open(os.path.join(d, "truncated.png"), "rb").read()
    assert clean.startswith(trunc) and 0.3 < len(trunc) / len(clean) < 0.5
    huge = open(os.path.join(d, "huge.png"), "rb").read(33)
    assert huge[:8] == b"\x89PNG\r\n\x1a\n" and huge[12:16] == b"IHDR"
    assert int.from_bytes(huge[16:20], "big") == 30000 and int.from_bytes(huge[20:24], "big") == 30000
    im = Image.open(os.path.join(d, "card_pages.tif"))
    assert im.n_frames == 2
    assert Image.open(os.path.join(d, "card_200dpi.jpg")).size == (827, 583)
    assert open(os.path.join(d, "card.pdf"), "rb").read(5) == b"%PDF-"
    truth = json.load(open(os.path.join(d, "card_truth.json"), encoding="utf-8"))
    assert truth["values"]["生年月日"] == parse_wareki(truth["printed"]["生年月日"]).isoformat()


# ---------------------------------------------------------------- ground truth

@pytest.mark.parametrize("form,folder", [(f, "batch-01") for f, _ in COMMITTED]
                         + [(f, "hand-01") for f, _ in COMMITTED_HAND])
def test_ground_truth_consistent(form, folder):
    truth = load_truth(committed_dir(form, folder))
    with open(os.path.join(REPO, truth["layout"]), encoding="utf-8") as fh:
        lay = json.load(fh)
    kinds = {f["name"]: f for f in lay["fields"]}
    assert truth["count"] == len(truth["files"]) == (10 if folder == "batch-01" else 6)
    assert sum(1 for f in truth["files"] if f["invalid"]) == truth["invalid_count"] == round(0.2 * truth["count"])
    for f in truth["files"]:
        assert f["valid"] == (not f["invalid"])
        reasons = {i["field"]: i["reason"] for i in f["invalid"]}
        assert set(f["values"]) == set(f["printed"]) == set(kinds)
        for name, fl in kinds.items():
            v, p = f["values"][name], f["printed"][name]
            r = reasons.get(name)
            if fl["kind"] == "my_number" and v is not None:
                assert v == re.sub(r"[ -]", "", p)
                assert wareki.my_number_valid(v) == (r != "check_digit"), (f["file"], v)
            if fl["kind"] == "date":
                if r == "impossible_date":
                    assert v is None
                    with pytest.raises(ValueError):
                        parse_wareki(p)
                elif p:
                    assert parse_wareki(p).isoformat() == v
            if fl["kind"] in ("choice", "checkbox"):
                assert v == p and all(o in fl["options"] for o in v)
                assert (len(v) == 0) == (r == "required_box")
                if fl["kind"] == "choice":
                    assert len(v) <= 1
            elif fl["required"]:
                assert (p == "") == (r == "required")
            if fl["kind"] in ("postal",) and v:
                assert re.fullmatch(r"\d{3}-\d{4}", v)
            if fl["kind"] == "phone" and v:
                assert re.fullmatch(r"0\d{1,3}-\d{2,4}-\d{4}", v)
            if fl["kind"] == "katakana" and v:
                assert re.fullmatch(r"[ァ-ヶー]+", v)
            if fl["kind"] == "number" and p:
                assert v == int(p.replace(",", ""))
            if fl["lang"] == "eng" and isinstance(p, str):
                assert p.isascii()


def _jpn_charset():
    tess = "/usr/share/tesseract-ocr/5/tessdata/jpn.traineddata"
    if not (shutil.which("combine_tessdata") and os.path.exists(tess)):
        return None
    import tempfile
    with tempfile.TemporaryDirectory() as td:
        subprocess.run(["combine_tessdata", "-u", tess, os.path.join(td, "jpn.")], capture_output=True, check=True)
        with open(os.path.join(td, "jpn.lstm-unicharset"), encoding="utf-8") as fh:
            return {line.split(" ")[0] for line in fh.read().splitlines()[1:]}


def test_printed_characters_in_tesseract_jpn_model():
    chars = _jpn_charset()
    if chars is None:
        pytest.skip("tesseract-ocr-jpn / combine_tessdata not installed")
    from samplegen import data
    texts = [s for pair in data.SURNAMES for s in pair] + [s for g in data.GIVEN_NAMES for s in g[:2]]
    texts += [t for _, (_, towns) in data.SAGAMIHARA.items() for t in towns]
    texts += [c for c, _, towns in data.OTHER_CITIES for c in [c] + towns] + data.BUILDINGS
    for form, _ in COMMITTED:
        for f in load_truth(committed_dir(form))["files"]:
            texts += [p for p in f["printed"].values() if isinstance(p, str)]
    missing = {c for t in texts for c in t if c not in chars and c not in " \u3000"}
    assert not missing, "".join(sorted(missing))


# ---------------------------------------------------------------- transforms

def _edge_offset(a: np.ndarray, m, tx: float, ty: float, nx: float, ny: float) -> float:
    """Signed distance (scan px) between the predicted frame edge and the measured one.

    (tx, ty) is a point on the OUTER edge of the frame (template), (nx, ny) the inward normal.
    Walk from 16 px outside to 16 px inside along the mapped normal, find where the profile
    first crosses half way between paper and ink."""
    px = m[0][0] * tx + m[0][1] * ty + m[0][2]
    py = m[1][0] * tx + m[1][1] * ty + m[1][2]
    vx, vy = m[0][0] * nx + m[0][1] * ny, m[1][0] * nx + m[1][1] * ny
    norm = math.hypot(vx, vy)
    vx, vy = vx / norm, vy / norm
    ts = np.arange(-16.0, 16.0, 0.25)
    xs = px + ts * vx
    ys = py + ts * vy
    # bilinear sampling in the pixel-corner convention (centres at i+0.5)
    fx, fy = xs - 0.5, ys - 0.5
    x0, y0 = np.floor(fx).astype(int), np.floor(fy).astype(int)
    wx, wy = fx - x0, fy - y0
    x0 = np.clip(x0, 0, a.shape[1] - 2)
    y0 = np.clip(y0, 0, a.shape[0] - 2)
    v = (a[y0, x0] * (1 - wx) * (1 - wy) + a[y0, x0 + 1] * wx * (1 - wy)
         + a[y0 + 1, x0] * (1 - wx) * wy + a[y0 + 1, x0 + 1] * wx * wy)
    outside = np.median(v[ts < -9])
    inside = np.percentile(v, 3)                    # the darkest: the frame line itself
    assert outside - inside > 60, "no frame edge found"
    thr = (outside + inside) / 2
    # first crossing with 3 consecutive samples below the threshold (ignores dust specks)
    below = v < thr
    for i in range(len(ts) - 3):
        if below[i] and below[i + 1] and below[i + 2]:
            # interpolate between samples i-1 and i
            if i == 0:
                return float(ts[0])
            t0, t1, v0, v1 = ts[i - 1], ts[i], v[i - 1], v[i]
            return float(t0 + (v0 - thr) / (v0 - v1) * (t1 - t0))
    raise AssertionError("edge not found")


def _check_frame(path: str, m, frame) -> float:
    a = np.asarray(Image.open(path).convert("L"), dtype=np.float32)
    fx, fy, fw, fh = frame
    worst = 0.0
    # near every corner, along both edges that meet there: 20 and 80 px from the corner
    for cx, cy, sx, sy in ((fx, fy, 1, 1), (fx + fw, fy, -1, 1), (fx, fy + fh, 1, -1), (fx + fw, fy + fh, -1, -1)):
        for d in (20, 80):
            # vertical edge (normal along x) and horizontal edge (normal along y)
            worst = max(worst, abs(_edge_offset(a, m, cx, cy + sy * d, sx, 0)))
            worst = max(worst, abs(_edge_offset(a, m, cx + sx * d, cy, 0, sy)))
    return worst


@pytest.mark.parametrize("form,folder", [(f, "batch-01") for f, _ in COMMITTED]
                         + [(f, "hand-01") for f, _ in COMMITTED_HAND])
def test_transform_maps_frame_onto_scan(form, folder):
    truth = load_truth(committed_dir(form, folder))
    frame = forms.public_layout(forms.layout(forms.FORMS[form]))["frame"]
    for f in truth["files"]:
        worst = _check_frame(os.path.join(committed_dir(form, folder), f["file"]), f["transform"], frame)
        assert worst <= 3.0, (f["file"], worst)


def test_transform_harsh_and_fixtures(tmp_path):
    truth = batch.generate_batch("juminhyo", 4, 5, str(tmp_path), invalid=1, profile="harsh")
    frame = forms.public_layout(forms.layout(forms.FORMS["juminhyo"]))["frame"]
    for f in truth["files"]:
        assert _check_frame(str(tmp_path / f["file"]), f["transform"], frame) <= 3.0, f["file"]
    d = os.path.join(REPO, "Tests", "Fixtures", "ocr")
    card = json.load(open(os.path.join(d, "card_truth.json"), encoding="utf-8"))
    card_frame = json.load(open(os.path.join(d, "card.layout.json"), encoding="utf-8"))["frame"]
    for name in ("card_clean.png", "card_skewed.png", "card_200dpi.jpg"):
        m = card["files"][name]["transform"]
        assert _check_frame(os.path.join(d, name), m, card_frame) <= 3.0, name


# ---------------------------------------------------------------- handwriting (--hand)

GROUPS = fonts.HAND_GROUPS


def test_hand_groups_are_disjoint_and_never_printed_fonts():
    cal, held = set(GROUPS["calibration"]), set(GROUPS["held-out"])
    assert cal == {"SetoFont", "KleeOne", "YuseiMagic"} and held == {"Kiloji", "YOzFontNF"}
    assert not cal & held
    assert not (cal | held) & (set(fonts.VALUE_FONTS) | set(fonts.PRINTED_FONTS))


def _hand_truth_fonts(truth: dict) -> set[str]:
    """Every font a handwritten batch's ground truth names: per page, per field and per fallback."""
    names = set()
    for f in truth["files"]:
        names |= {f["font"], f["hand"]["font"]}
        names |= {n for used in f["hand"]["fonts"].values() for n in used}
        names |= {fb["font"] for fb in f["hand"]["fallbacks"]}
    return names


@pytest.mark.parametrize("group", list(GROUPS))
def test_hand_batch_names_only_fonts_of_its_group(tmp_path, group):
    truth = batch.generate_batch("jidoteate", 3, 77, str(tmp_path), invalid=1, profile="office", hand=group)
    assert truth["hand"] == group
    used = _hand_truth_fonts(truth)
    assert used and used <= set(GROUPS[group]), used
    lay = forms.public_layout(forms.layout(forms.FORMS["jidoteate"]))
    zones = {f["name"]: f for f in lay["fields"]}
    for f in truth["files"]:
        assert f["hand"]["group"] == group
        # every written value names its fonts; every value's ink stays inside its zone
        written = {n for n, p in f["printed"].items() if isinstance(p, str) and p}
        assert set(f["hand"]["fonts"]) == written
        for name, box in f["ink_boxes"].items():
            zx, zy, zw, zh = zones[name]["zone"]
            for x, y, w, h in (box if zones[name]["kind"] in ("choice", "checkbox") else [box]):
                assert zx <= x and zy <= y and x + w <= zx + zw and y + h <= zy + zh, (f["file"], name)
        assert set(f["hand"]["marks"].values()) <= {"check", "cross", "circle"}


def test_committed_hand_batches_use_calibration_fonts_only():
    for form, _ in COMMITTED_HAND:
        truth = load_truth(committed_dir(form, "hand-01"))
        assert truth["hand"] == "calibration" and truth["profile"] == "office"
        used = _hand_truth_fonts(truth)
        assert used <= set(GROUPS["calibration"]) and not used & set(GROUPS["held-out"]), used


@pytest.mark.parametrize("form,seed", COMMITTED_HAND)
def test_committed_hand_batch_is_reproducible(tmp_path, form, seed):
    out = tmp_path / form
    batch.generate_batch(form, 6, seed, str(out), profile="office", hand="calibration")
    assert_same_tree(str(out), committed_dir(form, "hand-01"))


def test_hand_same_seed_same_bytes(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for d in (a, b):
        batch.generate_batch("tennyu", 2, 31, str(d), invalid=0, profile="clean", hand="held-out")
    assert_same_tree(str(a), str(b))
    batch.generate_batch("tennyu", 2, 31, str(c), invalid=0, profile="clean")   # typed: other pixels
    assert not filecmp.cmp(a / "tennyu-001.png", c / "tennyu-001.png", shallow=False)


def _blobs(a: np.ndarray) -> list[np.ndarray]:
    """The ink of each character of a line written on white, split at blank columns."""
    ink = (a < 200).any(axis=0)
    out, start = [], None
    for x, v in enumerate(list(ink) + [False]):
        if v and start is None:
            start = x
        elif not v and start is not None:
            col = a[:, start:x] < 200
            rows = np.nonzero(col.any(axis=1))[0]
            out.append(col[rows.min():rows.max() + 1])
            start = None
    return out


def test_handwritten_value_varies_character_by_character():
    zone = [20, 20, 1500, 160]
    rng = random.Random(5)
    h = hand.Hand(rng, "calibration")
    h.font = "KleeOne"
    first = np.full((200, 1540), 255.0, dtype=np.float32)
    second = first.copy()
    hand.write_value(first, rng, h, zone, "1111")
    hand.write_value(second, rng, h, zone, "1111")
    # the same string written twice by the same hand gives different ink
    assert not np.array_equal(first, second)
    # and within one writing, the four 1s differ from one another (size, angle, weight, baseline)
    glyphs = _blobs(first)
    assert len(glyphs) == 4
    shapes = {g.shape for g in glyphs}
    assert len(shapes) >= 3, shapes
    heights = [g.shape[0] for g in glyphs]
    assert max(heights) - min(heights) >= 3, heights


def test_hand_falls_back_within_its_group_only():
    # 丂 is in SetoFont, not in Klee One; 丏 is in YOzFont, not in Kiloji
    assert fonts.covers("SetoFont", "丂") and not fonts.covers("KleeOne", "丂")
    assert fonts.covers("YOzFontNF", "丏") and not fonts.covers("Kiloji", "丏")
    for group, page_font, ch, expected in (("calibration", "KleeOne", "丂", "SetoFont"),
                                           ("held-out", "Kiloji", "丏", "YOzFontNF")):
        h = hand.Hand(random.Random(1), group)
        h.font = page_font
        a = np.full((200, 1000), 255.0, dtype=np.float32)
        _, used, fallbacks = hand.write_value(a, random.Random(2), h, [20, 20, 900, 160], "山" + ch)
        assert used == [page_font, expected]
        assert fallbacks == [{"index": 1, "char": ch, "font": expected}]
    # a character no font of the group has is refused, never written in a printed font
    h = hand.Hand(random.Random(1), "calibration")
    assert all(fonts.covers("NotoSansCJKjp", c) for c in "\U0001F101")
    with pytest.raises(ValueError, match="no calibration hand font"):
        hand.write_value(np.full((200, 1000), 255.0, dtype=np.float32), random.Random(2), h,
                         [20, 20, 900, 160], "\U0001F101")


def test_hand_fonts_cover_every_character_the_generator_writes():
    """Names, addresses, dates, numbers: each group has a glyph for all of them (no fallback needed)."""
    chars = set()
    for maker in fill.VALUE_MAKERS.values():
        for seed in range(300):
            rec = maker(random.Random(seed))
            chars |= {c for p in rec.printed.values() if isinstance(p, str) for c in p}
    texts = [s for pair in data.SURNAMES for s in pair] + [s for g in data.GIVEN_NAMES for s in g[:2]]
    texts += [t for _, (_, towns) in data.SAGAMIHARA.items() for t in towns]
    texts += [c for c, _, towns in data.OTHER_CITIES for c in [c] + towns] + data.BUILDINGS
    texts += list(wareki.IMPOSSIBLE_DATES)
    chars |= {c for t in texts for c in t}
    chars -= {" ", "\u3000"}
    for name in GROUPS["calibration"] + GROUPS["held-out"]:
        missing = "".join(sorted(c for c in chars if not fonts.covers(name, c)))
        assert not missing, (name, missing)


def _written_ink_shares(d: str, truth: dict):
    """(file, field, share of black pixels where the ground truth puts the value's ink) per written value
    of the black-and-white pages."""
    for f in truth["files"]:
        if f["format"] != "tiff-g4":
            continue
        a = np.asarray(Image.open(os.path.join(d, f["file"])).convert("L"))
        m = f["transform"]
        for name, box in f["ink_boxes"].items():
            if not box or isinstance(box[0], list):
                continue
            x, y, w, h = box
            xs, ys = zip(*[(m[0][0] * u + m[0][1] * v + m[0][2], m[1][0] * u + m[1][1] * v + m[1][2])
                           for u, v in ((x, y), (x + w, y), (x, y + h), (x + w, y + h))])
            crop = a[int(min(ys)):int(max(ys)) + 1, int(min(xs)):int(max(xs)) + 1]
            yield f["file"], name, float((crop < 128).mean())


def test_handwriting_survives_the_scan(tmp_path):
    """The G4 threshold keeps the lightest pen (blue ballpoint, pencil, on faint pages): every written value
    still has black pixels where the ground truth says its ink is — on the committed sets and on a harsh
    set whose third page is pencil on a faint page."""
    for form, _ in COMMITTED_HAND:
        d = committed_dir(form, "hand-01")
        for file, name, share in _written_ink_shares(d, load_truth(d)):
            assert share > 0.04, (form, file, name, share)
    truth = batch.generate_batch("tennyu", 3, 10, str(tmp_path), invalid=0, profile="harsh", hand="held-out")
    page = truth["files"][2]
    assert page["hand"]["ink"] == "pencil" and page["format"] == "tiff-g4"
    assert any(d["op"] == "faint" for d in page["degradations"])
    for file, name, share in _written_ink_shares(str(tmp_path), truth):
        assert share > 0.015, (file, name, share)
