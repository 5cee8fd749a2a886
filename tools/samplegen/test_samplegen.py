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

from samplegen import batch, data, fill, fixtures, forms, qr, wareki  # noqa: E402

# (form, seed) of every committed batch: samples/<form>/batch-01, office profile, 10 forms
COMMITTED = [("juminhyo", 104), ("jidoteate", 202), ("tennyu", 301)]


def committed_dir(form: str) -> str:
    return os.path.join(REPO, "samples", form, "batch-01")


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

@pytest.mark.parametrize("form,seed", COMMITTED)
def test_ground_truth_consistent(form, seed):
    truth = load_truth(committed_dir(form))
    with open(os.path.join(REPO, truth["layout"]), encoding="utf-8") as fh:
        lay = json.load(fh)
    kinds = {f["name"]: f for f in lay["fields"]}
    assert truth["count"] == len(truth["files"]) == 10
    assert sum(1 for f in truth["files"] if f["invalid"]) == truth["invalid_count"] == 2
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


@pytest.mark.parametrize("form,seed", COMMITTED)
def test_transform_maps_frame_onto_scan(form, seed):
    truth = load_truth(committed_dir(form))
    frame = forms.public_layout(forms.layout(forms.FORMS[form]))["frame"]
    for f in truth["files"]:
        worst = _check_frame(os.path.join(committed_dir(form), f["file"]), f["transform"], frame)
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
