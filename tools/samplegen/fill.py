"""Realistic values for each form, their canonical ground truth, and drawing them on a template."""

from __future__ import annotations

import datetime as dt
import random

from PIL import Image, ImageDraw

from . import data, fonts
from .wareki import IMPOSSIBLE_DATES, format_wareki

FY_START, FY_END = dt.date(2024, 4, 1), dt.date(2026, 3, 31)   # 令和6年度–令和7年度
GANNEN = [(dt.date(1989, 1, 8), dt.date(1989, 12, 31)), (dt.date(2019, 5, 1), dt.date(2019, 12, 31))]
INVALID_REASONS = ("check_digit", "required", "impossible_date", "required_box")


# ---------------------------------------------------------------- values

class Record:
    """printed: field -> printed string ('' = blank) or list of ticked options.
    values: field -> canonical value (None = blank / not a valid value)."""

    def __init__(self) -> None:
        self.printed: dict = {}
        self.values: dict = {}
        self.invalid: list[dict] = []


def _nospace(s: str) -> str:
    return s.replace("\u3000", "").replace(" ", "")


def _date(rng: random.Random, rec: Record, name: str, d: dt.date) -> None:
    style = rng.choices(["kanji", "letter", "kanji1"], weights=[80, 15, 5])[0]
    rec.printed[name] = format_wareki(d, style)
    rec.values[name] = d.isoformat()


def _birth(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if rng.random() < 0.1:
        for a, b in GANNEN:
            lo, hi = max(a, start), min(b, end)
            if lo <= hi:
                return data.random_date(rng, lo, hi)
    return data.random_date(rng, start, end)


def _text(rec: Record, name: str, printed: str, strip_spaces: bool = True) -> None:
    rec.printed[name] = printed
    rec.values[name] = _nospace(printed) if strip_spaces else printed


def _person_fields(rng: random.Random, rec: Record, p: dict, name_field: str = "氏名",
                   kana_field: str | None = "フリガナ") -> None:
    _text(rec, name_field, data.name_strings(rng, p))
    if kana_field:
        _text(rec, kana_field, data.name_strings(rng, p, kana=True))


def _postal(rng: random.Random, rec: Record, postal: str, blank_p: float = 0.1) -> None:
    if rng.random() < blank_p:
        rec.printed["郵便番号"], rec.values["郵便番号"] = "", None
    else:
        rec.printed["郵便番号"] = rec.values["郵便番号"] = postal


def _phone(rng: random.Random, rec: Record) -> None:
    rec.printed["電話番号"] = rec.values["電話番号"] = data.phone(rng)


def _my_number(rng: random.Random, rec: Record, blank_p: float = 0.0) -> None:
    if rng.random() < blank_p:
        rec.printed["個人番号"], rec.values["個人番号"] = "", None
        return
    digits = data.my_number(rng)
    rec.printed["個人番号"] = data.group_my_number(rng, digits)
    rec.values["個人番号"] = digits


def _number(rng: random.Random, rec: Record, name: str, n: int) -> None:
    rec.printed[name] = f"{n:,}" if (n >= 1000 and rng.random() < 0.8) else str(n)
    rec.values[name] = n


def _pick(rng: random.Random, rec: Record, name: str, options: list[str], weights: list[float]) -> None:
    v = rng.choices(options, weights=weights)[0]
    rec.printed[name] = [v]
    rec.values[name] = [v]


def values_juminhyo(rng: random.Random) -> Record:
    rec = Record()
    _date(rng, rec, "請求日", data.random_date(rng, FY_START, FY_END))
    p = data.person(rng)
    _person_fields(rng, rec, p)
    _date(rng, rec, "生年月日", _birth(rng, dt.date(1938, 1, 1), dt.date(2006, 3, 31)))
    addr, postal = data.address_sagamihara(rng)
    _text(rec, "住所", addr)
    _postal(rng, rec, postal)
    _phone(rng, rec)
    _my_number(rng, rec, blank_p=0.4)
    _pick(rng, rec, "本人との関係", ["本人", "同一世帯", "代理人"], [70, 20, 10])
    kinds = rng.choices([["住民票"], ["印鑑登録証明書"], ["住民票", "印鑑登録証明書"], ["住民票記載事項証明書"]],
                        weights=[65, 12, 13, 10])[0]
    rec.printed["交付種別"] = list(kinds)
    rec.values["交付種別"] = list(kinds)
    copies = rng.choices([1, 2, 3, 4], weights=[55, 30, 10, 5])[0]
    _number(rng, rec, "通数", copies)
    _number(rng, rec, "手数料", 300 * copies)
    _pick(rng, rec, "使用目的", ["年金", "就職", "登記", "その他"], [25, 20, 20, 35])
    return rec


def values_jidoteate(rng: random.Random) -> Record:
    rec = Record()
    filed = dt.date(rng.choice([2024, 2025]), 6, rng.randint(1, 30))
    _date(rng, rec, "届出日", filed)
    p = data.person(rng)
    _person_fields(rng, rec, p)
    _date(rng, rec, "生年月日", _birth(rng, dt.date(1968, 1, 1), dt.date(2002, 3, 31)))
    rec.printed["性別"] = rec.values["性別"] = [p["sex"]]
    addr, postal = data.address_sagamihara(rng)
    _text(rec, "住所", addr)
    _postal(rng, rec, postal)
    _phone(rng, rec)
    _my_number(rng, rec)
    _pick(rng, rec, "加入年金", ["厚生年金", "国民年金", "共済組合"], [60, 30, 10])
    child = data.person(rng, surname=(p["surname"], p["kana_surname"]))
    _text(rec, "児童氏名", data.name_strings(rng, child))
    _date(rng, rec, "児童生年月日", _birth(rng, dt.date(2009, 4, 2), filed - dt.timedelta(days=30)))
    _number(rng, rec, "児童数", rng.choices([1, 2, 3, 4], weights=[45, 38, 13, 4])[0])
    _number(rng, rec, "所得額", rng.randrange(1_200, 9_000) * 1000)
    return rec


def values_tennyu(rng: random.Random) -> Record:
    rec = Record()
    filed = data.random_date(rng, FY_START, FY_END)
    _date(rng, rec, "届出日", filed)
    _date(rng, rec, "転入日", filed - dt.timedelta(days=rng.randint(0, 13)))
    p = data.person(rng)
    _person_fields(rng, rec, p)
    _date(rng, rec, "生年月日", _birth(rng, dt.date(1935, 1, 1), dt.date(2024, 12, 31)))
    rec.printed["性別"] = rec.values["性別"] = [p["sex"]]
    addr, postal = data.address_sagamihara(rng)
    _text(rec, "新住所", addr)
    _postal(rng, rec, postal)
    _phone(rng, rec)
    prev, _ = data.address_other(rng)
    _text(rec, "前住所", prev)
    _my_number(rng, rec)
    if rng.random() < 0.5:
        head, rel = p, "世帯主"
    else:
        head = data.person(rng, surname=(p["surname"], p["kana_surname"]))
        rel = rng.choice({"男": ["夫", "子", "父"], "女": ["妻", "子", "母"]}[p["sex"]])
    _text(rec, "世帯主氏名", data.name_strings(rng, head))
    _text(rec, "続柄", rel)
    _pick(rng, rec, "届出人", ["本人", "世帯主", "代理人"], [70, 20, 10])
    return rec


VALUE_MAKERS = {"juminhyo": values_juminhyo, "jidoteate": values_jidoteate, "tennyu": values_tennyu}


def make_invalid(rng: random.Random, rec: Record, lay: dict, reason: str | None = None) -> None:
    """Make the record invalid in one way that the form allows (the given reason, or a random
    one); records rec.invalid."""
    fields = {f["name"]: f for f in lay["fields"]}
    choices = []
    if "個人番号" in fields:
        choices.append(("check_digit", "個人番号"))
    req_text = [n for n, f in fields.items() if f["required"] and f["kind"] not in ("choice", "checkbox")]
    choices += [("required", n) for n in req_text]
    choices += [("impossible_date", n) for n, f in fields.items() if f["kind"] == "date"]
    choices += [("required_box", n) for n, f in fields.items()
                if f["required"] and f["kind"] in ("choice", "checkbox")]
    # pick the reason first (uniform over reasons), then the field
    available = sorted({r for r, _ in choices}, key=INVALID_REASONS.index)
    if reason not in available:
        reason = rng.choice(available)
    name = rng.choice([n for r, n in choices if r == reason])
    if reason == "check_digit":
        digits = data.my_number(rng, valid=False)
        rec.printed[name] = data.group_my_number(rng, digits)
        rec.values[name] = digits
    elif reason == "required":
        rec.printed[name], rec.values[name] = "", None
    elif reason == "impossible_date":
        rec.printed[name], rec.values[name] = rng.choice(IMPOSSIBLE_DATES), None
    else:
        rec.printed[name], rec.values[name] = [], []
    rec.invalid.append({"field": name, "reason": reason})


# ---------------------------------------------------------------- drawing

def fit_font(font_name: str, size: int, text: str, max_w: int, min_size: int = 34):
    while True:
        f = fonts.font(font_name, size)
        if f.getlength(text) <= max_w or size <= min_size:
            return f, size
        size -= 2


def draw_text_in_zone(d: ImageDraw.ImageDraw, rng: random.Random, zone: list[int], text: str,
                      font_name: str, size: int, dx: int | None = None, dy: int | None = None,
                      ink: int = 0) -> list[int]:
    """Left-aligned text with a random offset inside the zone; returns the ink box [x,y,w,h]."""
    zx, zy, zw, zh = zone
    if dx is None:
        dx = rng.randint(6, 60)
    f, size = fit_font(font_name, size, text, zw - dx - 6)
    if f.getlength(text) > zw - dx - 6:
        dx = 6
    l, t, r, b = f.getbbox(text, anchor="ls")
    if dy is None:
        dy = rng.randint(-8, 8)
    ox = zx + dx - l
    oy = round(zy + zh / 2 - (t + b) / 2) + dy
    # keep the ink inside the zone
    oy = max(oy, zy + 2 - t)
    oy = min(oy, zy + zh - 2 - b)
    d.text((ox, oy), text, font=f, fill=ink, anchor="ls")
    x0, y0, x1, y1 = d.textbbox((ox, oy), text, font=f, anchor="ls")
    if x1 > zx + zw or y1 > zy + zh or x0 < zx or y0 < zy:
        raise ValueError(f"text {text!r} does not fit zone {zone}")
    return [int(x0), int(y0), int(x1 - x0), int(y1 - y0)]


def draw_mark(d: ImageDraw.ImageDraw, rng: random.Random, box: list[int], style: str, ink: int = 0) -> list[int]:
    """A ✓ or ✗ drawn with lines over a check box; returns its bounding box."""
    bx, by, bw, bh = box
    j = lambda: rng.randint(-3, 3)  # noqa: E731
    w = rng.randint(6, 8)
    if style == "check":
        pts = [(bx + 9 + j(), by + 24 + j()), (bx + 21 + j(), by + 40 + j()), (bx + 46 + j(), by + 2 + j())]
        d.line(pts, fill=ink, width=w, joint="curve")
    else:
        a = [(bx + 9 + j(), by + 9 + j()), (bx + bw - 10 + j(), by + bh - 10 + j())]
        b = [(bx + bw - 10 + j(), by + 9 + j()), (bx + 9 + j(), by + bh - 10 + j())]
        d.line(a, fill=ink, width=w)
        d.line(b, fill=ink, width=w)
        pts = a + b
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return [min(xs) - w // 2, min(ys) - w // 2, max(xs) - min(xs) + w, max(ys) - min(ys) + w]


def fill_page(template: Image.Image, lay: dict, printed: dict, rng: random.Random) -> tuple[Image.Image, dict]:
    """Draw printed values on a copy of the template. Returns (image, info) where info has the
    value font, size, mark style and ink boxes per field (template coordinates)."""
    img = template.copy()
    d = ImageDraw.Draw(img)
    font_name = rng.choice(fonts.VALUE_FONTS)
    size = rng.randint(42, 54)
    mark = rng.choices(["check", "cross"], weights=[80, 20])[0]
    boxes: dict = {}
    for f in lay["fields"]:
        v = printed.get(f["name"])
        if f["kind"] in ("choice", "checkbox"):
            boxes[f["name"]] = [draw_mark(d, rng, f["options"][o], mark) for o in v or []]
        elif v:
            boxes[f["name"]] = draw_text_in_zone(d, rng, f["zone"], v, font_name, size)
    return img, {"font": font_name, "font_px": size, "mark": mark, "ink_boxes": boxes}
