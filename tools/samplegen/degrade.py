"""Scanner-like degradation with an exactly recorded geometric transform.

Coordinate convention (template and scan alike): continuous pixel coordinates, (0,0) is the
top-left corner of the top-left pixel, pixel (i,j) covers [i,i+1)x[j,j+1) and its centre is
(i+0.5, j+0.5). The recorded matrix A (2x3) maps a template point (x,y) at 300 dpi to the scan:
    [x', y'] = A @ [x, y, 1]
including rotation about the page centre, scale, shift and the dpi change.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

from .forms import DPI


@dataclass(frozen=True)
class Profile:
    name: str
    angle: float            # max |rotation| degrees
    shift: float            # max |shift| px (300 dpi)
    scale: float            # max |scale - 1|
    faint_p: float          # share of pages printed faintly
    faint: tuple[float, float]   # ink strength range for faint pages (1 = black)
    blur: tuple[float, float]    # gaussian sigma range (px at output dpi)
    noise: tuple[float, float]   # gaussian noise sigma range (grey levels)
    dust: int               # max number of dark specks
    jpeg_share: float       # share of pages written as grey JPEG (rest: G4 TIFF)
    jpeg_q: tuple[int, int]
    dpi200_share: float     # share of pages at 200 dpi
    threshold: tuple[int, int]


PROFILES = {
    "clean": Profile("clean", 0, 0, 0, 0, (1, 1), (0, 0), (0, 0), 0, 0, (0, 0), 0, (0, 0)),
    "office": Profile("office", 1.5, 30, 0.02, 0.3, (0.6, 0.85), (0.4, 0.8), (2, 5), 6,
                      0.2, (70, 80), 0.2, (140, 165)),
    "harsh": Profile("harsh", 3.0, 50, 0.05, 0.6, (0.5, 0.75), (0.8, 1.4), (8, 16), 60,
                     0.5, (30, 55), 0.4, (120, 180)),
}


def affine(angle_deg: float, scale: float, shift: tuple[float, float], centre: tuple[float, float],
           dpi: int) -> list[list[float]]:
    """Template (300 dpi) -> scan matrix: p' = f * (s R (p - c) + c + t), f = dpi/300."""
    a = math.radians(angle_deg)
    ca, sa = math.cos(a) * scale, math.sin(a) * scale
    cx, cy = centre
    tx, ty = shift
    f = dpi / DPI
    m = [[ca, -sa, cx - ca * cx + sa * cy + tx],
         [sa, ca, cy - sa * cx - ca * cy + ty]]
    return [[v * f for v in row] for row in m]


def apply(m: list[list[float]], x: float, y: float) -> tuple[float, float]:
    return (m[0][0] * x + m[0][1] * y + m[0][2], m[1][0] * x + m[1][1] * y + m[1][2])


def invert(m: list[list[float]]) -> tuple[float, ...]:
    a, b, c = m[0]
    d, e, f = m[1]
    det = a * e - b * d
    ia, ib, id_, ie = e / det, -b / det, -d / det, a / det
    return (ia, ib, -(ia * c + ib * f), id_, ie, -(id_ * c + ie * f))


def warp(img: Image.Image, m: list[list[float]], size: tuple[int, int], fill: int = 255) -> Image.Image:
    """Resample img so that output(A p) = input(p). Pillow's AFFINE uses the same corner convention."""
    return img.transform(size, Image.Transform.AFFINE, invert(m), resample=Image.Resampling.BILINEAR,
                         fillcolor=fill)


def out_size(page: tuple[int, int], dpi: int) -> tuple[int, int]:
    return (round(page[0] * dpi / DPI), round(page[1] * dpi / DPI))


def _r(x: float, n: int = 4) -> float:
    return round(float(x), n)


def plan(profile: Profile, rng: random.Random, page: tuple[int, int], frame: list[int],
         fmt: str, dpi: int) -> dict:
    """Draw the random parameters of one page (pure Python RNG). The frame must stay on the page."""
    w, h = out_size(page, dpi)
    for _ in range(100):
        angle = rng.uniform(-profile.angle, profile.angle)
        scale = 1 + rng.uniform(-profile.scale, profile.scale)
        shift = (rng.uniform(-profile.shift, profile.shift), rng.uniform(-profile.shift, profile.shift))
        angle, scale, shift = _r(angle, 3), _r(scale, 4), (_r(shift[0], 1), _r(shift[1], 1))
        m = affine(angle, scale, shift, (page[0] / 2, page[1] / 2), dpi)
        fx, fy, fw, fh = frame
        corners = [apply(m, x, y) for x, y in ((fx, fy), (fx + fw, fy), (fx, fy + fh), (fx + fw, fy + fh))]
        if all(12 <= x <= w - 12 and 12 <= y <= h - 12 for x, y in corners):
            break
    else:
        raise RuntimeError("could not place the frame on the page")
    p = {"angle_deg": angle, "scale": scale, "shift": list(shift), "dpi": dpi, "format": fmt, "matrix": m}
    p["faint"] = _r(rng.uniform(*profile.faint), 3) if rng.random() < profile.faint_p else 1.0
    p["paper"] = rng.randint(236, 252) if profile.name != "clean" else 255
    p["blur"] = _r(rng.uniform(*profile.blur), 3)
    p["noise"] = _r(rng.uniform(*profile.noise), 2)
    p["dust"] = rng.randint(0, profile.dust) if profile.dust else 0
    if fmt == "jpeg":
        p["quality"] = rng.randint(*profile.jpeg_q)
    if fmt == "tiff-g4":
        ink = 255 * (1 - p["faint"])
        p["threshold"] = max(rng.randint(*profile.threshold), int(ink) + 60)
    return p


def render(img: Image.Image, p: dict, nrng: np.random.Generator) -> tuple[bytes, list[dict]]:
    """Apply the planned degradation to a filled 300-dpi page; returns (file bytes, degradations)."""
    steps: list[dict] = []
    dpi = p["dpi"]
    size = out_size(img.size, dpi)
    a = np.asarray(img, dtype=np.float32)
    if p["faint"] < 1.0:
        a = 255.0 - (255.0 - a) * p["faint"]
        steps.append({"op": "faint", "ink_strength": p["faint"]})
    if p["paper"] < 255:
        a = a * (p["paper"] / 255.0)
        steps.append({"op": "paper", "white_level": p["paper"]})
    g = Image.fromarray(np.clip(a + 0.5, 0, 255).astype(np.uint8), "L")
    if dpi != DPI:
        # optical low-pass before sampling at the lower resolution
        g = g.filter(ImageFilter.GaussianBlur(0.5 * DPI / dpi))
    identity = p["angle_deg"] == 0 and p["scale"] == 1 and p["shift"] == [0, 0] and dpi == DPI
    if not identity:
        g = warp(g, p["matrix"], size, fill=p["paper"])
        steps.append({"op": "affine", "angle_deg": p["angle_deg"], "scale": p["scale"],
                      "shift_px": p["shift"], "centre": [img.size[0] / 2, img.size[1] / 2]})
    if dpi != DPI:
        steps.append({"op": "resample", "dpi": dpi})
    if p["blur"] > 0:
        g = g.filter(ImageFilter.GaussianBlur(p["blur"]))
        steps.append({"op": "blur", "sigma": p["blur"]})
    a = np.asarray(g, dtype=np.float32)
    if p["noise"] > 0:
        a = a + nrng.standard_normal(a.shape, dtype=np.float32) * np.float32(p["noise"])
        steps.append({"op": "noise", "sigma": p["noise"]})
    if p["dust"]:
        h, w = a.shape
        ys = nrng.integers(0, h, p["dust"])
        xs = nrng.integers(0, w, p["dust"])
        rs = nrng.integers(1, 3, p["dust"])
        for y, x, r in zip(ys.tolist(), xs.tolist(), rs.tolist()):
            a[max(0, y - r):y + r, max(0, x - r):x + r] = 40
        steps.append({"op": "dust", "specks": p["dust"]})
    g = Image.fromarray(np.clip(a + 0.5, 0, 255).astype(np.uint8), "L")
    buf = io.BytesIO()
    fmt = p["format"]
    if fmt == "tiff-g4":
        thr = p["threshold"]
        bw = g.point(lambda v: 255 if v >= thr else 0).convert("1", dither=Image.Dither.NONE)
        bw.save(buf, "TIFF", compression="group4", dpi=(dpi, dpi))
        steps.append({"op": "threshold", "level": thr})
        steps.append({"op": "encode", "format": "tiff-g4"})
    elif fmt == "jpeg":
        g.save(buf, "JPEG", quality=p["quality"], dpi=(dpi, dpi), optimize=True)
        steps.append({"op": "encode", "format": "jpeg", "quality": p["quality"]})
    elif fmt == "png":
        g.save(buf, "PNG", dpi=(dpi, dpi), optimize=True)
        steps.append({"op": "encode", "format": "png"})
    else:
        raise ValueError(fmt)
    return buf.getvalue(), steps
