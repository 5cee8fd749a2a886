"""Locate the Japanese fonts installed from Debian packages: fonts-ipafont and fonts-noto-cjk (printed
values and labels) and the handwriting-style fonts of `--hand` (fonts-seto, fonts-klee, fonts-yusei-magic,
fonts-kiloji, fonts-yozvox-yozfont)."""

from __future__ import annotations

import functools
import os
import shutil
import struct
import subprocess

from PIL import ImageFont

# name -> (fontconfig family, apt package, fallback paths, index in a .ttc)
_FONTS = {
    "IPAGothic": ("IPAGothic", "fonts-ipafont-gothic (or fonts-ipafont)",
                  ["/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"]),
    "IPAMincho": ("IPAMincho", "fonts-ipafont-mincho (or fonts-ipafont)",
                  ["/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf"]),
    "NotoSansCJKjp": ("Noto Sans CJK JP", "fonts-noto-cjk",
                      ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"]),
    "NotoSerifCJKjp": ("Noto Serif CJK JP", "fonts-noto-cjk",
                       ["/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"]),
    # handwriting-style fonts (`--hand`); see HAND_GROUPS
    "SetoFont": ("SetoFont", "fonts-seto", ["/usr/share/fonts/truetype/seto/setofont.ttf"]),
    "KleeOne": ("Klee One", "fonts-klee", ["/usr/share/fonts/truetype/klee/KleeOne-Regular.ttf"]),
    "YuseiMagic": ("Yusei Magic", "fonts-yusei-magic",
                   ["/usr/share/fonts/truetype/yusei-magic/YuseiMagic-Regular.ttf"]),
    "Kiloji": ("kiloji", "fonts-kiloji", ["/usr/share/fonts/truetype/kiloji/kiloji.ttf"]),
    # YOzFont N (standard shapes), the F cut: half-width digits and hyphen, as a hand writes them
    "YOzFontNF": ("YOzNF", "fonts-yozvox-yozfont", ["/usr/share/fonts/truetype/yozvox-yozfont/YOzRNF.ttf"]),
}

# Fonts used to print values. Labels and titles always use IPAGothic.
VALUE_FONTS = ["IPAMincho", "IPAGothic", "NotoSerifCJKjp", "NotoSansCJKjp"]

# Handwriting-style fonts by group. A batch made with `--hand G` writes only with the fonts of group G,
# also where a font lacks a character (the fallback is another font of the same group, never a printed
# one). The held-out hands are never used to calibrate anything, so a measurement on them says how the
# reader does on a hand it has never seen.
HAND_GROUPS = {
    "calibration": ["SetoFont", "KleeOne", "YuseiMagic"],
    "held-out": ["Kiloji", "YOzFontNF"],
}
PRINTED_FONTS = ["IPAGothic", "IPAMincho", "NotoSansCJKjp", "NotoSerifCJKjp"]
assert not set(HAND_GROUPS["calibration"]) & set(HAND_GROUPS["held-out"])
assert not {f for g in HAND_GROUPS.values() for f in g} & set(PRINTED_FONTS)


class FontMissing(RuntimeError):
    pass


def _fc_list() -> list[tuple[str, int, str, str]]:
    if not shutil.which("fc-list"):
        return []
    try:
        out = subprocess.run(
            ["fc-list", "-f", "%{file}|%{index}|%{family}|%{style}\n"],
            check=True, capture_output=True, text=True, timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    rows = []
    for line in out.splitlines():
        parts = line.split("|")
        if len(parts) != 4:
            continue
        try:
            idx = int(parts[1])
        except ValueError:
            idx = 0
        rows.append((parts[0], idx, parts[2], parts[3]))
    return sorted(rows)


@functools.lru_cache(maxsize=None)
def font_file(name: str) -> tuple[str, int]:
    """Return (path, face index) for one of the known font names."""
    family, package, fallbacks = _FONTS[name]
    for path, idx, families, style in _fc_list():
        fams = [f.strip() for f in families.split(",")]
        styles = [s.strip() for s in style.split(",")]
        if family in fams and "Regular" in styles and os.path.exists(path):
            return path, idx
    for path in fallbacks:
        if os.path.exists(path):
            if path.endswith(".ttc"):
                # JP face index inside the Noto CJK collections
                return path, _ttc_index(path, family)
            return path, 0
    raise FontMissing(
        f"font '{family}' not found (fc-list and {fallbacks}); "
        f"install it with: sudo apt-get install {package}"
    )


def _ttc_index(path: str, family: str) -> int:
    for i in range(32):
        try:
            f = ImageFont.truetype(path, 10, index=i)
        except OSError:
            break
        if f.getname()[0] == family:
            return i
    raise FontMissing(f"no face '{family}' in {path}")


@functools.lru_cache(maxsize=None)
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    path, idx = font_file(name)
    # BASIC layout: no dependency on the raqm/harfbuzz version, so output is stable.
    return ImageFont.truetype(path, size, index=idx, layout_engine=ImageFont.Layout.BASIC)


def check_all(names: list[str] | None = None) -> None:
    """Raise FontMissing naming the package when a font is missing: by default the printed fonts (every
    command needs them); the hand fonts are checked when a batch asks for them."""
    for name in names or PRINTED_FONTS:
        font_file(name)


@functools.lru_cache(maxsize=None)
def _cmap(name: str) -> frozenset[int]:
    """Code points the font maps to a glyph (its Unicode cmap subtable, format 4 or 12)."""
    path, idx = font_file(name)
    with open(path, "rb") as fh:
        b = fh.read()
    base = 0
    if b[:4] == b"ttcf":
        base = struct.unpack(">I", b[12 + 4 * idx:16 + 4 * idx])[0]
    ntables = struct.unpack(">H", b[base + 4:base + 6])[0]
    off = None
    for i in range(ntables):
        tag, _, toff, _ = struct.unpack(">4sIII", b[base + 12 + 16 * i:base + 28 + 16 * i])
        if tag == b"cmap":
            off = toff
    if off is None:
        return frozenset()
    sub4 = sub12 = None
    for i in range(struct.unpack(">H", b[off + 2:off + 4])[0]):
        pid, eid, so = struct.unpack(">HHI", b[off + 4 + 8 * i:off + 12 + 8 * i])
        fmt = struct.unpack(">H", b[off + so:off + so + 2])[0]
        if fmt == 12 and (pid, eid) in ((3, 10), (0, 4), (0, 6)):
            sub12 = off + so
        elif fmt == 4 and (pid, eid) in ((3, 1), (0, 3)) and sub4 is None:
            sub4 = off + so
    out: set[int] = set()
    if sub12 is not None:
        o = sub12
        for g in range(struct.unpack(">I", b[o + 12:o + 16])[0]):
            first, last, gid = struct.unpack(">III", b[o + 16 + 12 * g:o + 28 + 12 * g])
            out.update(range(first + (1 if gid == 0 else 0), last + 1))
    elif sub4 is not None:
        o = sub4
        segx2 = struct.unpack(">H", b[o + 6:o + 8])[0]
        n = segx2 // 2
        ends = struct.unpack(f">{n}H", b[o + 14:o + 14 + segx2])
        starts = struct.unpack(f">{n}H", b[o + 16 + segx2:o + 16 + 2 * segx2])
        deltas = struct.unpack(f">{n}h", b[o + 16 + 2 * segx2:o + 16 + 3 * segx2])
        ro = o + 16 + 3 * segx2
        roffs = struct.unpack(f">{n}H", b[ro:ro + segx2])
        for i in range(n):
            for c in range(starts[i], ends[i] + 1):
                if c == 0xFFFF:
                    continue
                if roffs[i] == 0:
                    gid = (c + deltas[i]) & 0xFFFF
                else:
                    p = ro + 2 * i + roffs[i] + 2 * (c - starts[i])
                    gid = struct.unpack(">H", b[p:p + 2])[0]
                    gid = (gid + deltas[i]) & 0xFFFF if gid else 0
                if gid:
                    out.add(c)
    return frozenset(out)


@functools.lru_cache(maxsize=None)
def covers(name: str, ch: str) -> bool:
    """True when the font has a glyph with ink for the character (spaces: in its cmap)."""
    if ord(ch) not in _cmap(name):
        return False
    if ch.isspace():
        return True
    left, _, right, _ = font(name, 48).getbbox(ch, anchor="ls")
    return right > left
