"""Batches of filled, degraded forms with ground truth, and the blank templates."""

from __future__ import annotations

import json
import os
import random

import numpy as np

from . import GENERATOR_VERSION, degrade, fill, fonts, forms
from . import hand as handwriting
from . import qr as qr_codes

FORM_IDS = list(forms.FORMS)   # juminhyo, jidoteate, tennyu
EXT = {"tiff-g4": "tif", "jpeg": "jpg", "png": "png"}


def _scalar(v) -> bool:
    return v is None or isinstance(v, (str, int, float, bool))


def to_json(obj, level: int = 0) -> str:
    """Indented JSON whose short arrays (boxes, matrices, option lists) stay on one line."""
    pad, inner = " " * level, " " * (level + 1)
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        if all(_scalar(v) or (isinstance(v, list) and all(_scalar(u) for u in v)) for v in obj.values()):
            flat = json.dumps(obj, ensure_ascii=False)
            if len(flat) <= 100:
                return flat
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {to_json(v, level + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list):
        if all(_scalar(v) or (isinstance(v, list) and all(_scalar(u) for u in v)) for v in obj):
            return json.dumps(obj, ensure_ascii=False)
        return "[\n" + ",\n".join(inner + to_json(v, level + 1) for v in obj) + "\n" + pad + "]"
    return json.dumps(obj, ensure_ascii=False)


def dump_json(obj, path: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(to_json(obj) + "\n")


def _clean_float(v: float, nd: int = 9) -> float:
    v = round(float(v), nd)
    return 0.0 if v == 0 else v


def write_templates(out_dir: str, form_ids: list[str] | None = None) -> list[str]:
    os.makedirs(out_dir, exist_ok=True)
    written = []
    for fid in form_ids or FORM_IDS:
        img, lay = forms.render_template(forms.FORMS[fid])
        png = os.path.join(out_dir, f"{fid}.png")
        img.save(png, "PNG", dpi=(forms.DPI, forms.DPI), optimize=True)
        js = os.path.join(out_dir, f"{fid}.layout.json")
        dump_json(forms.public_layout(lay), js)
        written += [png, js]
    return written


def generate_batch(form: str, count: int, seed: int, out_dir: str, invalid: int | None = None,
                   profile: str = "office", log=None, qr: bool = False, hand: str | None = None) -> dict:
    """With `qr`, each page also carries its values as a QR code (tools/samplegen/qr.py); a quarter of
    the codes are stained (still readable) and a quarter torn (unreadable). With `hand` (a group of
    fonts.HAND_GROUPS: calibration or held-out), the values are written by hand (tools/samplegen/hand.py)
    with the fonts of that group only."""
    if form not in forms.FORMS:
        raise SystemExit(f"unknown form {form!r}; choose one of {', '.join(FORM_IDS)}")
    if seed < 0 or count < 1:
        raise SystemExit("seed must be >= 0 and count >= 1")
    if invalid is None:
        invalid = round(count * 0.2)
    if not 0 <= invalid <= count:
        raise SystemExit("--invalid must be between 0 and --count")
    if hand is not None:
        if hand not in fonts.HAND_GROUPS:
            raise SystemExit(f"unknown hand {hand!r}; choose one of {', '.join(fonts.HAND_GROUPS)}")
        fonts.check_all(fonts.HAND_GROUPS[hand])
    prof = degrade.PROFILES[profile]
    spec = forms.FORMS[form]
    template, lay = forms.render_template(spec)
    fi = FORM_IDS.index(form)

    # batch-level stratified choices: exactly this many invalid / JPEG / 200-dpi pages
    brng = random.Random(f"samplegen:{form}:{seed}:batch")
    inv_idx = set(brng.sample(range(count), invalid))
    jpeg_idx = set(brng.sample(range(count), round(count * prof.jpeg_share)))
    dpi_idx = set(brng.sample(range(count), round(count * prof.dpi200_share)))
    # invalid forms cycle through the reasons (check_digit, required, impossible_date, required_box)
    first = brng.randrange(len(fill.INVALID_REASONS))
    reasons = {i: fill.INVALID_REASONS[(first + k) % len(fill.INVALID_REASONS)]
               for k, i in enumerate(sorted(inv_idx))}

    conditions = {}
    if qr:
        order = brng.sample(range(count), count)
        conditions = {i: qr_codes.CONDITIONS[0 if k % 2 == 0 else (1 if k % 4 == 1 else 2)]
                      for k, i in enumerate(order)}

    os.makedirs(out_dir, exist_ok=True)
    files = []
    for i in range(count):
        prng = random.Random(f"samplegen:{form}:{seed}:{i}")
        nrng = np.random.default_rng([seed, fi, i])
        rec = fill.VALUE_MAKERS[form](prng)
        if i in inv_idx:
            fill.make_invalid(prng, rec, lay, reasons[i])
        if hand is None:
            page, info = fill.fill_page(template, lay, rec.printed, prng)
        else:
            page, info = handwriting.fill_page(template, lay, rec.printed, prng, hand,
                                               fonts.font("IPAGothic", spec.option_size))
        if qr:
            qr_codes.stamp(page, qr_codes.payload(rec.printed), conditions[i], prng)
        if profile == "clean":
            fmt = "png"
        else:
            fmt = "jpeg" if i in jpeg_idx else "tiff-g4"
        dpi = 200 if i in dpi_idx else 300
        p = degrade.plan(prof, prng, spec.page, lay["frame"], fmt, dpi)
        if hand is not None and fmt == "tiff-g4":
            # a scanner's threshold keeps what the pen wrote: above the lightest stroke core (the hand's ink
            # + its per-character variation of 10, on a faint page) with a margin, below the paper
            core = (255 - (255 - info["hand"]["ink_level"] - 10) * p["faint"]) * p["paper"] / 255
            p["threshold"] = max(p["threshold"], min(int(core) + 60, 200))
        blob, steps = degrade.render(page, p, nrng)
        name = f"{form}-{i + 1:03d}.{EXT[fmt]}"
        with open(os.path.join(out_dir, name), "wb") as fh:
            fh.write(blob)
        size = list(degrade.out_size(spec.page, dpi))
        files.append({
            "file": name,
            "format": fmt,
            "dpi": dpi,
            "size": size,
            "transform": [[_clean_float(v) for v in row] for row in p["matrix"]],
            "degradations": steps,
            "valid": not rec.invalid,
            "invalid": rec.invalid,
            "values": rec.values,
            "printed": rec.printed,
            "font": info["font"],
            "font_px": info["font_px"],
            "mark": info["mark"],
            **({"hand": info["hand"]} if hand is not None else {}),
            "ink_boxes": info["ink_boxes"],
            **({"qr": conditions[i]} if qr else {}),
        })
        if log:
            log(f"{name} {fmt} {dpi}dpi {len(blob) // 1024} KB{' INVALID' if rec.invalid else ''}")
    truth = {
        "generator": GENERATOR_VERSION,
        "form": form,
        "seed": seed,
        "count": count,
        "profile": profile,
        **({"hand": hand} if hand is not None else {}),
        "invalid_count": invalid,
        "template": f"workflows/templates/{form}.png",
        "layout": f"workflows/templates/{form}.layout.json",
        "coordinates": "pixels; (0,0) = top-left corner of the top-left pixel; "
                       "transform maps template (300 dpi) points to scan points of the file",
        "files": files,
    }
    dump_json(truth, os.path.join(out_dir, "ground_truth.json"))
    return truth
