"""QR codes as online application systems print them on forms (Sagamihara's 住民異動届 carries one):
the form's values as a JSON object, UTF-8, in byte mode, at a fixed place on the page.

Some codes are damaged on purpose: `stained` (a blot inside the error correction's reach, still
readable) and `torn` (a corner with a finder pattern gone: unreadable, so the form falls back to OCR).
"""

from __future__ import annotations

import io
import json
import random

import segno
from PIL import Image, ImageDraw

# Where the code is printed, template pixels at 300 dpi: the blank space under the notes.
BOX = (200, 2880, 440, 440)
# The zone a workflow draws around it (a margin of quiet space on each side).
ZONE = [BOX[0] - 20, BOX[1] - 20, BOX[2] + 40, BOX[3] + 40]
CONDITIONS = ("intact", "stained", "torn")


def payload(printed: dict) -> str:
    """The form's text values (tick boxes left out) as compact JSON."""
    values = {name: value for name, value in printed.items() if isinstance(value, str) and value}
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def stamp(page: Image.Image, text: str, condition: str, rng: random.Random) -> None:
    """Draws the code for `text` into `page` (the clean filled page, gray or RGB) in place."""
    code = segno.make_qr(text.encode("utf-8"), error="m", mode="byte")
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=1, border=0)
    modules = Image.open(buffer).convert("L")
    x, y, size, _ = BOX
    image = modules.resize((size, size), Image.NEAREST)
    page.paste(image.convert(page.mode), (x, y))
    draw = ImageDraw.Draw(page)
    module = size / modules.width
    white = 255 if page.mode == "L" else (255, 255, 255)
    if condition == "stained":
        # A round blot of about 4% of the modules, away from the finder patterns.
        cx = x + size * rng.uniform(0.45, 0.7)
        cy = y + size * rng.uniform(0.45, 0.7)
        r = module * rng.uniform(2.0, 2.6)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=white)
    elif condition == "torn":
        # The top-left corner torn off: the finder pattern that orients the code is gone.
        cut = int(module * rng.uniform(8.5, 10))
        draw.polygon([(x - 2, y - 2), (x + cut * 2, y - 2), (x - 2, y + cut * 2)], fill=white)
