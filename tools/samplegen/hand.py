"""Forms filled in by hand (`batch --hand calibration|held-out`).

One page is one person: a handwriting-style font of the chosen group (fonts.HAND_GROUPS), a usual size,
slant, lean, pitch, pen pressure and ink (black or blue ballpoint, pencil). Every value is written character
by character, each character varied around that person's habits: size (±12%), angle (within ±6°), shear,
baseline (±8% of the size), spacing and stroke weight (a blur-and-threshold of the glyph: a lower threshold
thickens the stroke, a higher one thins it), and the ink's darkness. 個人番号 and 郵便番号 are written one
character per imaginary cell of equal pitch (the forms print no per-digit boxes). Boxes are ticked with a
hand-drawn ✓ or ✗ of varying width; on some pages the one option of a `choice` field is circled (an
imperfect, not quite closed ellipse around the box and its label, the box left empty). The printed labels
are untouched.

Everything random comes from the page's `random.Random` (and a numpy generator seeded from it for pencil
grain), so a page is deterministic for a seed.
"""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from . import fonts

# ink: (grey level range of the stroke's core, share of pages). The scans are grey or black-and-white,
# so blue ballpoint is a lighter grey than black, and pencil lighter again and grainy.
INKS = {"black": ((8, 30), 45), "blue": ((38, 64), 35), "pencil": ((60, 86), 20)}
CELL_KINDS = {"my_number", "postal"}     # one character per imaginary cell
SS = 4                                   # supersampling of hand-drawn marks


class Hand:
    """One person's handwriting habits on one page."""

    def __init__(self, rng: random.Random, group: str):
        if group not in fonts.HAND_GROUPS:
            raise ValueError(f"unknown hand group {group!r}; choose one of {', '.join(fonts.HAND_GROUPS)}")
        self.group = group
        self.fonts = list(fonts.HAND_GROUPS[group])
        self.font = rng.choice(self.fonts)
        self.size = rng.randint(58, 74)                  # px at 300 dpi, before per-character variation
        self.slant = round(rng.uniform(-2.5, 2.5), 2)    # degrees, the person's usual rotation
        self.shear = round(rng.uniform(-0.04, 0.14), 3)  # lean (positive: tops to the right)
        self.pitch = round(rng.uniform(0.92, 1.12), 3)   # spacing relative to the font's advance
        self.weight = round(rng.uniform(0.22, 0.46), 3)  # stroke threshold: lower = heavier pen
        self.heavy = rng.random() < 0.25                 # a pressing hand: strokes widened first
        if self.heavy:                                   # (not so far that small kanji fill in)
            self.weight = max(self.weight, 0.36)
        names = list(INKS)
        self.ink = rng.choices(names, weights=[INKS[n][1] for n in names])[0]
        lo, hi = INKS[self.ink][0]
        self.level = rng.randint(lo, hi)
        self.mark = rng.choices(["check", "cross"], weights=[80, 20])[0]
        self.circles = rng.random() < 0.3                # circles the option of a pick-one field
        self.nrng = np.random.default_rng(rng.getrandbits(64))


# ---------------------------------------------------------------- compositing

def _put(a: np.ndarray, cov: np.ndarray, x: int, y: int, level: float) -> None:
    """Lay ink of the given grey level with coverage cov (0..1) at (x, y) on the page array (in place);
    printed ink darker than the pen stays as it is."""
    h, w = cov.shape
    H, W = a.shape
    x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + w, W), min(y + h, H)
    if x0 >= x1 or y0 >= y1:
        return
    c = cov[y0 - y:y1 - y, x0 - x:x1 - x]
    region = a[y0:y1, x0:x1]
    np.minimum(region, region - (region - level) * c, out=region)


def _ink_bbox(cov: np.ndarray, x: int, y: int, thr: float = 0.25) -> list[int] | None:
    ys, xs = np.nonzero(cov >= thr)
    if len(xs) == 0:
        return None
    return [x + int(xs.min()), y + int(ys.min()), x + int(xs.max()) + 1, y + int(ys.max()) + 1]


def _union(boxes: list[list[int]]) -> list[int]:
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[2] for b in boxes)
    y1 = max(b[3] for b in boxes)
    return [x0, y0, x1 - x0, y1 - y0]


def _grain(hand: Hand, cov: np.ndarray) -> np.ndarray:
    if hand.ink != "pencil":
        return cov
    g = hand.nrng.random(cov.shape, dtype=np.float32)
    return cov * (1.0 - 0.3 * g * g)


# ---------------------------------------------------------------- characters

def _glyph(font_name: str, ch: str, size: int, angle: float, shear: float, weight: float,
           heavy: bool) -> tuple[np.ndarray, float, float, float]:
    """Coverage (0..1) of one handwritten character, the pen point (baseline, left) inside it, and the
    advance. The glyph is rotated and sheared about the middle of its baseline."""
    f = fonts.font(font_name, size)
    l, t, r, b = f.getbbox(ch, anchor="ls")
    pad = size // 3 + 6
    w, h = r - l + 2 * pad, b - t + 2 * pad
    im = Image.new("L", (w, h), 0)
    px, py = pad - l, pad - t                        # pen point (baseline) in the small image
    ImageDraw.Draw(im).text((px, py), ch, font=f, fill=255, anchor="ls")
    cx, cy = pad + (r - l) / 2, py
    ang = math.radians(angle)
    ca, sa = math.cos(ang), math.sin(ang)
    # forward: p' = c + R S (p - c), S = [[1, -shear], [0, 1]] (y grows downwards: tops lean right)
    m = np.array([[ca, -sa], [sa, ca]]) @ np.array([[1.0, -shear], [0.0, 1.0]])
    inv = np.linalg.inv(m)
    off = np.array([cx, cy]) - inv @ np.array([cx, cy])
    im = im.transform((w, h), Image.Transform.AFFINE,
                      (inv[0, 0], inv[0, 1], off[0], inv[1, 0], inv[1, 1], off[1]),
                      resample=Image.Resampling.BICUBIC)
    if heavy:
        im = im.filter(ImageFilter.MaxFilter(3))
    im = im.filter(ImageFilter.GaussianBlur(0.8))
    a = np.asarray(im, dtype=np.float32) / 255.0
    cov = np.clip((a - weight) / 0.3, 0.0, 1.0)
    return cov, px, py, f.getlength(ch)


def _font_for(hand: Hand, ch: str) -> str:
    if fonts.covers(hand.font, ch):
        return hand.font
    for name in hand.fonts:
        if fonts.covers(name, ch):
            return name
    raise ValueError(f"no {hand.group} hand font has a glyph for {ch!r} (U+{ord(ch):04X}); "
                     f"add a font to fonts.HAND_GROUPS[{hand.group!r}] or drop the character")


def write_value(a: np.ndarray, rng: random.Random, hand: Hand, zone: list[int], text: str,
                cells: bool = False) -> tuple[list[int], list[str], list[dict]]:
    """Write text by hand inside the zone. Returns (ink box [x,y,w,h], fonts used, fallbacks)."""
    zx, zy, zw, zh = zone
    plan = []
    for i, ch in enumerate(text):
        if ch.isspace():
            plan.append({"ch": ch, "space": rng.uniform(0.45, 0.85) if ch == "\u3000" else rng.uniform(0.25, 0.45)})
            continue
        plan.append({
            "ch": ch, "i": i, "font": _font_for(hand, ch),
            "size": hand.size * rng.uniform(0.88, 1.12),
            "angle": max(-6.0, min(6.0, hand.slant + rng.uniform(-3.5, 3.5))),
            "shear": hand.shear + rng.uniform(-0.05, 0.05),
            "base": rng.uniform(-0.08, 0.08),
            "gap": rng.uniform(-0.04, 0.14),
            "weight": hand.weight + rng.uniform(-0.07, 0.07),
            "ink": hand.level + rng.randint(-10, 10),
            "jx": rng.uniform(-0.08, 0.08),
        })
    dx = rng.randint(10, 60)
    dy = rng.randint(-10, 10)
    drift = rng.uniform(-0.05, 0.05)                    # the line climbs or sinks a little
    n = len(text)
    pitch = hand.size * rng.uniform(1.1, 1.35) if cells else 0.0
    if cells:
        pitch = min(pitch, (zw - 24) / n)
        dx = min(dx, int(zw - 12 - pitch * n))

    def lay(scale: float):
        placed = []
        x = 0.0
        for k, p in enumerate(plan):
            if "space" in p:
                x += p["space"] * hand.size * scale
                continue
            size = max(20, round(p["size"] * scale))
            cov, px, py, adv = _glyph(p["font"], p["ch"], size, p["angle"], p["shear"], p["weight"], hand.heavy)
            base = p["base"] * size + drift * size * k / max(1, n - 1) * 2
            if cells:
                # centre the character's ink in its cell
                bb = _ink_bbox(cov, 0, 0)
                cxg = (bb[0] + bb[2]) / 2 if bb else cov.shape[1] / 2
                gx = (k + 0.5 + p["jx"]) * pitch - cxg
            else:
                gx = x - px
                x += adv * hand.pitch + p["gap"] * size
            placed.append((p, cov, gx, base - py))
        return placed

    def extent(placed):
        boxes = [b for p, cov, gx, gy in placed if (b := _ink_bbox(cov, round(gx), round(gy)))]
        return _union(boxes)

    scale = 1.0
    placed = lay(scale)
    ex = extent(placed)
    for _ in range(3):                                  # a long value is written smaller
        s = min((zw - 12) / ex[2], (zh - 8) / ex[3])
        if s >= 1:
            break
        scale *= s * 0.98
        placed = lay(scale)
        ex = extent(placed)
    dx = max(6, min(dx, zw - 6 - ex[2]))
    ox = zx + dx - ex[0]
    oy = round(zy + zh / 2 - (ex[1] + ex[3] / 2)) + dy
    oy = max(oy, zy + 2 - ex[1])
    oy = min(oy, zy + zh - 2 - (ex[1] + ex[3]))
    boxes, used, fallbacks = [], [], []
    for p, cov, gx, gy in placed:
        x, y = round(ox + gx), round(oy + gy)
        _put(a, _grain(hand, cov), x, y, p["ink"])
        if (b := _ink_bbox(cov, x, y)):
            boxes.append(b)
        if p["font"] not in used:
            used.append(p["font"])
        if p["font"] != hand.font:
            fallbacks.append({"index": p["i"], "char": p["ch"], "font": p["font"]})
    box = _union(boxes)
    if box[0] < zx or box[1] < zy or box[0] + box[2] > zx + zw or box[1] + box[3] > zy + zh:
        raise ValueError(f"handwritten {text!r} does not fit zone {zone}: {box}")
    return box, used, fallbacks


# ---------------------------------------------------------------- marks

def _stroke(d: ImageDraw.ImageDraw, pts: list[tuple[float, float]], widths: list[float]) -> None:
    """A pen stroke through the points (supersampled coordinates) whose width follows `widths`."""
    for (x0, y0), (x1, y1), w0, w1 in zip(pts, pts[1:], widths, widths[1:]):
        steps = max(1, int(math.hypot(x1 - x0, y1 - y0) / 2))
        for s in range(steps + 1):
            t = s / steps
            x, y, r = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, (w0 + (w1 - w0) * t) / 2
            d.ellipse([x - r, y - r, x + r, y + r], fill=255)


def _bezier(p0, p1, p2, n: int = 24) -> list[tuple[float, float]]:
    return [((1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t * t * p2[0],
             (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t * t * p2[1]) for t in (i / n for i in range(n + 1))]


def _taper(n: int, w0: float, w1: float, w2: float) -> list[float]:
    """Widths along a stroke of n+1 points: w0 at the start, w1 in the middle, w2 at the end."""
    out = []
    for i in range(n + 1):
        t = i / n
        out.append(w0 + (w1 - w0) * (t / 0.5) if t < 0.5 else w1 + (w2 - w1) * ((t - 0.5) / 0.5))
    return out


def _mark_layer(a: np.ndarray, hand: Hand, x0: int, y0: int, w: int, h: int, draw) -> list[int]:
    """Draw on a supersampled layer covering [x0, y0, w, h], lay it on the page, return its ink box."""
    im = Image.new("L", (w * SS, h * SS), 0)
    draw(ImageDraw.Draw(im))
    im = im.resize((w, h), Image.Resampling.BOX)
    cov = np.asarray(im, dtype=np.float32) / 255.0
    _put(a, _grain(hand, cov), x0, y0, hand.level)
    return _ink_bbox(cov, x0, y0)


def draw_tick(a: np.ndarray, rng: random.Random, hand: Hand, box: list[int], style: str) -> list[int]:
    """A ✓ (short stroke down, long one up to the right, often beyond the box) or a ✗ over a box."""
    bx, by, bw, bh = box
    m = 24                                              # margin of the layer around the box
    x0, y0, w, h = bx - m, by - m, bw + 2 * m, bh + 2 * m
    j = lambda s: rng.uniform(-s, s) * SS  # noqa: E731
    rot = math.radians(rng.uniform(-10, 10))
    c = (w * SS / 2, h * SS / 2)

    def R(p):
        x, y = p[0] - c[0], p[1] - c[1]
        return (c[0] + x * math.cos(rot) - y * math.sin(rot), c[1] + x * math.sin(rot) + y * math.cos(rot))

    strokes = []
    if style == "check":
        s = ((m + 9) * SS + j(3), (m + 24) * SS + j(4))
        v = ((m + 20) * SS + j(3), (m + 42) * SS + j(3))
        e = ((m + bw + rng.uniform(-4, 12)) * SS, (m + rng.uniform(-14, 4)) * SS)
        mid1 = ((s[0] + v[0]) / 2 + j(2), (s[1] + v[1]) / 2 + j(2))
        mid2 = ((v[0] + e[0]) / 2 + rng.uniform(-2, 6) * SS, (v[1] + e[1]) / 2 + rng.uniform(0, 6) * SS)
        down = _bezier(s, mid1, v, 10)
        up = _bezier(v, mid2, e, 24)
        pts = down + up[1:]
        wd = _taper(len(pts) - 1, rng.uniform(3.5, 6), rng.uniform(6, 9), rng.uniform(2, 4))
        strokes.append((pts, wd))
    else:
        for (sx, sy), (ex, ey) in ((((m + 8), (m + 8)), ((m + bw - 8), (m + bh - 8))),
                                   (((m + bw - 8), (m + 8)), ((m + 8), (m + bh - 8)))):
            p0 = (sx * SS + j(4), sy * SS + j(4))
            p2 = (ex * SS + j(4), ey * SS + j(4))
            p1 = ((p0[0] + p2[0]) / 2 + j(4), (p0[1] + p2[1]) / 2 + j(4))
            pts = _bezier(p0, p1, p2, 20)
            strokes.append((pts, _taper(20, rng.uniform(4, 7), rng.uniform(5, 8), rng.uniform(2.5, 5))))

    def draw(d):
        for pts, wd in strokes:
            _stroke(d, [R(p) for p in pts], [x * SS for x in wd])

    return _mark_layer(a, hand, x0, y0, w, h, draw)


def draw_circle(a: np.ndarray, rng: random.Random, hand: Hand, box: list[int], label_w: int,
                zone: list[int]) -> list[int]:
    """An imperfect ellipse drawn by hand around an option's box and its printed label."""
    bx, by, bw, bh = box
    zx, zy, zw, zh = zone
    # the ring passes m px left of the box (inside the cell) and encloses the box's corners and the label
    m = min(rng.uniform(10, 20), bx - zx - 8)
    half = (bw + 16 + label_w) / 2
    ra = half + m + rng.uniform(0, 8)
    cx, cy = bx - m + ra, by + bh / 2 + rng.uniform(-3, 3)
    corner = (ra - m) / ra
    need = (bh / 2 + 3) / math.sqrt(max(1e-3, 1 - corner * corner)) * 1.08
    rb = min(max(need, bh / 2 + rng.uniform(14, 26)), (zh - 16) / 2)
    x0, y0 = int(cx - ra * 1.1 - 12), int(cy - rb * 1.1 - 12)
    w, h = int(2 * ra * 1.1 + 24), int(2 * rb * 1.1 + 24)
    tilt = math.radians(rng.uniform(-5, 5))
    t0 = rng.uniform(0, 2 * math.pi)
    sweep = 2 * math.pi + rng.uniform(0.15, 0.55)        # the pen goes on past where it started
    wob = [(rng.uniform(0.01, 0.03), rng.uniform(0, 2 * math.pi), k) for k in (2, 3)]
    spiral = rng.uniform(0, 0.06)                      # the end does not meet the start
    n = 90
    pts, wd = [], _taper(n, rng.uniform(2.5, 4.5), rng.uniform(4.5, 6.5), rng.uniform(2, 3.5))
    for i in range(n + 1):
        t = t0 + sweep * i / n
        r = 1 + sum(amp * math.sin(k * t + ph) for amp, ph, k in wob) + spiral * i / n
        ex, ey = ra * r * math.cos(t), rb * r * math.sin(t)
        x = cx + ex * math.cos(tilt) - ey * math.sin(tilt) - x0
        y = cy + ex * math.sin(tilt) + ey * math.cos(tilt) - y0
        pts.append((x * SS, y * SS))

    def draw(d):
        _stroke(d, pts, [v * SS for v in wd])

    return _mark_layer(a, hand, x0, y0, w, h, draw)


# ---------------------------------------------------------------- page

def fill_page(template: Image.Image, lay: dict, printed: dict, rng: random.Random, group: str,
              option_font) -> tuple[Image.Image, dict]:
    """Fill a copy of the template by hand. Returns (image, info) with the same keys as fill.fill_page
    (font = the page's hand, font_px = its usual size, mark = its tick) plus 'hand': the group, ink,
    per-field fonts, marks and every per-character fallback to another font of the group."""
    hand = Hand(rng, group)
    a = np.asarray(template, dtype=np.float32).copy()
    boxes: dict = {}
    used: dict = {}
    marks: dict = {}
    fallbacks: list = []
    for f in lay["fields"]:
        v = printed.get(f["name"])
        if f["kind"] in ("choice", "checkbox"):
            style = "circle" if (hand.circles and f["kind"] == "choice") else hand.mark
            out = []
            for o in v or []:
                if style == "circle":
                    out.append(draw_circle(a, rng, hand, f["options"][o], int(option_font.getlength(o)), f["zone"]))
                else:
                    out.append(draw_tick(a, rng, hand, f["options"][o], style))
            boxes[f["name"]] = [[b[0], b[1], b[2] - b[0], b[3] - b[1]] for b in out]
            if v:
                marks[f["name"]] = style
        elif v:
            box, fl, fb = write_value(a, rng, hand, f["zone"], v, cells=f["kind"] in CELL_KINDS)
            boxes[f["name"]] = box
            used[f["name"]] = fl
            fallbacks += [{"field": f["name"], **x} for x in fb]
    img = Image.fromarray(np.clip(a + 0.5, 0, 255).astype(np.uint8), "L")
    info = {
        "font": hand.font, "font_px": hand.size, "mark": hand.mark, "ink_boxes": boxes,
        "hand": {"group": group, "font": hand.font, "ink": hand.ink, "ink_level": hand.level,
                 "fonts": used, "marks": marks, "fallbacks": fallbacks},
    }
    return img, info
