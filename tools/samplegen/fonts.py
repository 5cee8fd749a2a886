"""Locate the Japanese fonts installed from Debian packages (fonts-ipafont, fonts-noto-cjk)."""

from __future__ import annotations

import functools
import os
import shutil
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
}

# Fonts used to print values. Labels and titles always use IPAGothic.
VALUE_FONTS = ["IPAMincho", "IPAGothic", "NotoSerifCJKjp", "NotoSansCJKjp"]


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


def check_all() -> None:
    for name in _FONTS:
        font_file(name)
