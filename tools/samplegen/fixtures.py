"""OCR test fixtures for the Swift tests: a small A6 'card' form in several file formats,
plus corrupt files. Written to Tests/Fixtures/ocr/."""

from __future__ import annotations

import io
import os
import random
import struct
import zlib

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from . import GENERATOR_VERSION, degrade, fill
from .batch import _clean_float, dump_json
from .forms import Cell, F, FormSpec, layout, public_layout, render_template

CARD = FormSpec(
    id="card",
    title="登録カード",
    page=(1240, 874),            # A6 landscape at 300 dpi
    frame_x=100, frame_y=95, frame_w=1040, row_h=148,
    frame_t=8, rule_t=4,
    title_size=36, title_xy=(1140, 40), title_anchor="ra",
    label_size=36, option_size=36,
    rows=[
        [Cell(F("氏名", "氏名", "text"), 250)],
        [Cell(F("生年月日", "生年月日", "date"), 250)],
        [Cell(F("電話番号", "電話番号", "phone"), 250)],
        [Cell(F("Name", "Name", "text", required=False), 250)],
        [Cell(F("受取方法", "受取方法", "checkbox", options=["窓口", "郵送"]), 250)],
    ],
    texts=[],
    office_box=False,
)

# printed string, font, font px
CARD_TEXT = {
    "氏名": ("山田\u3000花子", "IPAMincho", 52),
    "生年月日": ("平成2年4月15日", "IPAMincho", 48),
    "電話番号": ("042-754-1111", "IPAGothic", 48),
    "Name": ("Hanako Yamada", "IPAGothic", 48),
}
CARD_VALUES = {
    "氏名": "山田花子",
    "生年月日": "1990-04-15",
    "電話番号": "042-754-1111",
    "Name": "Hanako Yamada",
    "受取方法": ["郵送"],
}
CARD_TICKED = {"受取方法": ["郵送"]}

SKEW = {"angle_deg": 2.5, "scale": 1.04, "shift": (40.0, -30.0)}


def render_card() -> tuple[Image.Image, Image.Image, dict, dict]:
    """Returns (blank template, filled clean card, layout, ink boxes)."""
    tmpl, lay = render_template(CARD)
    img = tmpl.copy()
    d = ImageDraw.Draw(img)
    rng = random.Random(0)
    zones = {f["name"]: f for f in lay["fields"]}
    boxes = {}
    for name, (text, font_name, px) in CARD_TEXT.items():
        boxes[name] = fill.draw_text_in_zone(d, rng, zones[name]["zone"], text, font_name, px, dx=24, dy=0)
    for name, opts in CARD_TICKED.items():
        boxes[name] = [fill.draw_mark(d, random.Random(1), zones[name]["options"][o], "check") for o in opts]
    return tmpl, img, lay, boxes


def _png(img: Image.Image, dpi: int = 300) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG", dpi=(dpi, dpi), optimize=True)
    return buf.getvalue()


def _matrix(m):
    return [[_clean_float(v) for v in row] for row in m]


def skewed(clean: Image.Image) -> tuple[Image.Image, list[list[float]], list[dict]]:
    m = degrade.affine(SKEW["angle_deg"], SKEW["scale"], SKEW["shift"],
                       (clean.size[0] / 2, clean.size[1] / 2), 300)
    g = degrade.warp(clean, m, clean.size, fill=255)
    # light noise: sparse grey speckle (keeps the PNG small) plus a faint blur
    g = g.filter(ImageFilter.GaussianBlur(0.6))
    a = np.asarray(g, dtype=np.int16).copy()
    rng = np.random.default_rng(2024)
    n = a.size // 50
    ys = rng.integers(0, a.shape[0], n)
    xs = rng.integers(0, a.shape[1], n)
    a[ys, xs] += rng.integers(-60, 61, n).astype(np.int16)
    g = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")
    steps = [{"op": "affine", "angle_deg": SKEW["angle_deg"], "scale": SKEW["scale"],
              "shift_px": list(SKEW["shift"]), "centre": [clean.size[0] / 2, clean.size[1] / 2]},
             {"op": "blur", "sigma": 0.6},
             {"op": "speckle", "share": 0.02, "amplitude": 60}]
    return g, m, steps


def at_200dpi(clean: Image.Image) -> tuple[Image.Image, list[list[float]]]:
    m = degrade.affine(0, 1, (0, 0), (clean.size[0] / 2, clean.size[1] / 2), 200)
    size = degrade.out_size(clean.size, 200)
    g = clean.filter(ImageFilter.GaussianBlur(0.75))
    return degrade.warp(g, m, size, fill=255), m


def huge_png(width: int = 30000, height: int = 30000) -> bytes:
    """A valid all-white 1-bit greyscale PNG, streamed through zlib (≈110 KB on disk)."""
    def chunk(typ: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + typ + payload + struct.pack(">I", zlib.crc32(typ + payload))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    comp = zlib.compressobj(9)
    parts = []
    block = row * 256
    full, rest = divmod(height, 256)
    for _ in range(full):
        parts.append(comp.compress(block))
    parts.append(comp.compress(row * rest))
    parts.append(comp.flush())
    idat = b"".join(parts)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"pHYs", struct.pack(">IIB", 11811, 11811, 1))
            + chunk(b"IDAT", idat) + chunk(b"IEND", b""))


def write_fixtures(out_dir: str, log=None) -> list[str]:
    os.makedirs(out_dir, exist_ok=True)
    tmpl, clean, lay, boxes = render_card()
    skew, m_skew, skew_steps = skewed(clean)
    low, m_low = at_200dpi(clean)
    ident = degrade.affine(0, 1, (0, 0), (0, 0), 300)
    out: dict[str, bytes] = {}
    out["card_template.png"] = _png(tmpl)
    out["card_clean.png"] = _png(clean)
    out["card_skewed.png"] = _png(skew)
    buf = io.BytesIO()
    low.save(buf, "JPEG", quality=85, dpi=(200, 200), optimize=True)
    out["card_200dpi.jpg"] = buf.getvalue()
    # A colour scan (cream paper, blue-black print) and the same in CMYK, as some copiers write.
    tinted = Image.merge("RGB", [low.point(lambda v: v * 250 // 255 + 2), low.point(lambda v: v * 240 // 255 + 8),
                                 low.point(lambda v: v * 215 // 255 + 30)])
    buf = io.BytesIO()
    tinted.save(buf, "JPEG", quality=85, dpi=(200, 200), optimize=True)
    out["card_colour.jpg"] = buf.getvalue()
    buf = io.BytesIO()
    tinted.convert("CMYK").save(buf, "JPEG", quality=85, dpi=(200, 200), optimize=True)
    out["card_cmyk.jpg"] = buf.getvalue()
    buf = io.BytesIO()
    # fresh copies: Pillow reuses a stale PNG encoderconfig on appended frames otherwise
    clean.copy().save(buf, "TIFF", save_all=True, append_images=[skew.copy()], compression="tiff_adobe_deflate",
               dpi=(300, 300))
    out["card_pages.tif"] = buf.getvalue()
    buf = io.BytesIO()
    # no creation/modification dates: byte-identical output
    clean.copy().save(buf, "PDF", resolution=300.0, title="card", creationDate=None, modDate=None, quality=92)
    out["card.pdf"] = buf.getvalue()
    out["empty.png"] = b""
    out["truncated.png"] = out["card_clean.png"][: int(len(out["card_clean.png"]) * 0.4)]
    out["not_an_image.png"] = "これは画像ではありません。This is not an image, just UTF-8 text.\n".encode("utf-8")
    out["huge.png"] = huge_png()

    printed = {k: v[0] for k, v in CARD_TEXT.items()}
    printed.update(CARD_TICKED)
    size = list(CARD.page)
    truth = {
        "generator": GENERATOR_VERSION,
        "layout": "card.layout.json",
        "template": "card_template.png",
        "coordinates": "pixels; (0,0) = top-left corner of the top-left pixel; "
                       "transform maps template (300 dpi) points to points of that file",
        "values": CARD_VALUES,
        "printed": printed,
        "fonts": {k: {"font": v[1], "font_px": v[2]} for k, v in CARD_TEXT.items()},
        "ink_boxes": boxes,
        "files": {
            "card_clean.png": {"dpi": 300, "size": size, "transform": _matrix(ident), "degradations": []},
            "card_skewed.png": {"dpi": 300, "size": size, "transform": _matrix(m_skew),
                                "degradations": skew_steps},
            "card_200dpi.jpg": {"dpi": 200, "size": list(low.size), "transform": _matrix(m_low),
                                "degradations": [{"op": "blur", "sigma": 0.75}, {"op": "resample", "dpi": 200},
                                                 {"op": "encode", "format": "jpeg", "quality": 85}]},
            "card_colour.jpg": {"dpi": 200, "size": list(low.size), "transform": _matrix(m_low),
                                "degradations": [{"op": "blur", "sigma": 0.75}, {"op": "resample", "dpi": 200},
                                                 {"op": "tint", "paper": "cream", "ink": "blue-black"},
                                                 {"op": "encode", "format": "jpeg-rgb", "quality": 85}]},
            "card_cmyk.jpg": {"dpi": 200, "size": list(low.size), "transform": _matrix(m_low),
                              "degradations": [{"op": "blur", "sigma": 0.75}, {"op": "resample", "dpi": 200},
                                               {"op": "tint", "paper": "cream", "ink": "blue-black"},
                                               {"op": "encode", "format": "jpeg-cmyk", "quality": 85}]},
            "card_pages.tif": {"pages": [
                {"page": 0, "dpi": 300, "size": size, "transform": _matrix(ident), "degradations": []},
                {"page": 1, "dpi": 300, "size": size, "transform": _matrix(m_skew),
                 "degradations": skew_steps},
            ]},
            "card.pdf": {"pages": [{"page": 0, "dpi": 300, "size": size, "transform": _matrix(ident),
                                    "degradations": [{"op": "encode", "format": "pdf-dct", "quality": 92}],
                                    "page_size_pt": [round(size[0] * 72 / 300, 2), round(size[1] * 72 / 300, 2)]}]},
        },
        "corrupt": {
            "empty.png": "0 bytes",
            "truncated.png": "the first 40% of card_clean.png",
            "not_an_image.png": "UTF-8 text with a .png name",
            "huge.png": "valid all-white 1-bit PNG declaring 30000x30000 (900 Mpx); decoders should refuse it "
                        "by its header before allocating",
        },
    }
    written = []
    for name, blob in out.items():
        path = os.path.join(out_dir, name)
        with open(path, "wb") as fh:
            fh.write(blob)
        written.append(path)
        if log:
            log(f"{name} {len(blob)} bytes")
    dump_json(public_layout(lay), os.path.join(out_dir, "card.layout.json"))
    dump_json(truth, os.path.join(out_dir, "card_truth.json"))
    written += [os.path.join(out_dir, "card.layout.json"), os.path.join(out_dir, "card_truth.json")]
    return written
