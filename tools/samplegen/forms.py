"""Form definitions, page geometry, blank-template rendering and layout.json.

Coordinates are pixels at 300 dpi, origin at the top-left corner of the top-left pixel,
boxes are [x, y, w, h] (x..x+w-1 are the covered columns).
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field

from PIL import Image, ImageDraw

from . import fonts

A4 = (2480, 3508)          # A4 portrait at 300 dpi
DPI = 300
ENG_KINDS = {"digits", "my_number", "postal", "phone", "number"}
BOX_KINDS = {"choice", "checkbox"}
ZONE_INSET = 8              # zone = cell interior inset by this many px from the ruling
BOX = 50                    # check box side, px
BOX_LINE = 4                # check box line width, px
LABEL_SHADE = 236           # light grey label cells (vanishes when thresholded)


@dataclass
class Field:
    name: str
    label: str
    kind: str
    required: bool = True
    options: list[str] = dc_field(default_factory=list)

    @property
    def lang(self) -> str:
        return "eng" if self.kind in ENG_KINDS else "jpn"


@dataclass
class Cell:
    field: Field
    label_w: int
    value_w: int | None = None   # None: to the right edge of the frame


@dataclass
class Text:
    text: str
    x: int
    y: int
    size: int
    anchor: str = "la"


@dataclass
class FormSpec:
    id: str
    title: str
    rows: list[list[Cell]]
    page: tuple[int, int] = A4
    frame_x: int = 170
    frame_y: int = 440
    frame_w: int = 2140
    row_h: int = 190
    frame_t: int = 10           # outer frame line width (px)
    rule_t: int = 4             # inner ruled line width (px)
    title_size: int = 80
    title_xy: tuple[int, int] = (1240, 170)
    title_anchor: str = "ma"
    label_size: int = 42
    option_size: int = 40
    texts: list[Text] = dc_field(default_factory=list)
    office_box: bool = True     # small thin-lined 職員記入欄 below the frame

    @property
    def fields(self) -> list[Field]:
        return [c.field for row in self.rows for c in row]


def F(name, label=None, kind="text", required=True, options=None) -> Field:
    return Field(name, label or name, kind, required, list(options or []))


LW = 480   # label column width
SV = 640   # value width of the left half of a split row
SL = 380   # label width of the right half of a split row


def _notes(y0: int, lines: list[str]) -> list[Text]:
    return [Text(t, 190, y0 + i * 56, 36) for i, t in enumerate(lines)]


FORMS: dict[str, FormSpec] = {}


def _register(spec: FormSpec) -> None:
    FORMS[spec.id] = spec


_register(FormSpec(
    id="juminhyo",
    title="住民票の写し等交付請求書",
    rows=[
        [Cell(F("請求日", kind="date"), LW)],
        [Cell(F("氏名", "請求者氏名"), LW)],
        [Cell(F("フリガナ", kind="katakana"), LW)],
        [Cell(F("生年月日", kind="date"), LW)],
        [Cell(F("住所"), LW)],
        [Cell(F("郵便番号", kind="postal", required=False), LW, SV), Cell(F("電話番号", kind="phone"), SL)],
        [Cell(F("個人番号", kind="my_number", required=False), LW)],
        [Cell(F("本人との関係", "請求者と\n対象者の関係", "choice", options=["本人", "同一世帯", "代理人"]), LW)],
        [Cell(F("交付種別", "交付を\n受けるもの", "checkbox",
                options=["住民票", "住民票記載事項証明書", "印鑑登録証明書"]), LW)],
        [Cell(F("通数", "通数", "number"), LW, SV), Cell(F("手数料", "手数料(円)", "number"), SL)],
        [Cell(F("使用目的", kind="choice", options=["年金", "就職", "登記", "その他"]), LW)],
    ],
    texts=[Text("相模原市長　あて", 2310, 330, 44, "ra"),
           Text("様式第1号", 170, 60, 34)] + _notes(2600, [
        "※太枠の中を記入してください。",
        "※窓口に来た方の本人確認書類(運転免許証など)を提示してください。",
        "※個人番号の記載された住民票は、本人又は同一世帯の方に限り交付します。",
    ]),
))

_register(FormSpec(
    id="jidoteate",
    title="児童手当 現況届",
    rows=[
        [Cell(F("届出日", kind="date"), LW)],
        [Cell(F("氏名", "受給者氏名"), LW)],
        [Cell(F("フリガナ", kind="katakana"), LW)],
        [Cell(F("生年月日", kind="date"), LW, SV), Cell(F("性別", kind="choice", options=["男", "女"]), SL)],
        [Cell(F("住所"), LW)],
        [Cell(F("郵便番号", kind="postal", required=False), LW, SV), Cell(F("電話番号", kind="phone"), SL)],
        [Cell(F("個人番号", "受給者\n個人番号", "my_number"), LW)],
        [Cell(F("加入年金", kind="choice", options=["厚生年金", "国民年金", "共済組合"]), LW)],
        [Cell(F("児童氏名"), LW)],
        [Cell(F("児童生年月日", kind="date"), LW)],
        [Cell(F("児童数", "児童数(人)", "number"), LW, SV), Cell(F("所得額", "所得額(円)", "number"), SL)],
    ],
    texts=[Text("相模原市長　あて", 2310, 330, 44, "ra"),
           Text("児童手当・特例給付", 170, 60, 34)] + _notes(2600, [
        "※太枠の中を記入してください。",
        "※所得額は前年分の所得の金額を記入してください。",
        "※提出がない場合、6月分以降の手当が受けられなくなります。",
    ]),
))

_register(FormSpec(
    id="tennyu",
    title="転入届",
    rows=[
        [Cell(F("届出日", kind="date"), LW, SV), Cell(F("転入日", kind="date"), SL)],
        [Cell(F("氏名"), LW)],
        [Cell(F("フリガナ", kind="katakana"), LW)],
        [Cell(F("生年月日", kind="date"), LW, SV), Cell(F("性別", kind="choice", options=["男", "女"]), SL)],
        [Cell(F("新住所", "新しい住所"), LW)],
        [Cell(F("郵便番号", kind="postal", required=False), LW, SV), Cell(F("電話番号", kind="phone"), SL)],
        [Cell(F("前住所", "前の住所"), LW)],
        [Cell(F("個人番号", kind="my_number"), LW)],
        [Cell(F("世帯主氏名", "世帯主"), LW, SV), Cell(F("続柄", "世帯主との\n続柄"), SL)],
        [Cell(F("届出人", kind="choice", options=["本人", "世帯主", "代理人"]), LW)],
    ],
    texts=[Text("相模原市長　あて", 2310, 330, 44, "ra"),
           Text("住民異動届", 170, 60, 34)] + _notes(2500, [
        "※太枠の中を記入してください。",
        "※転入した日から14日以内に届け出てください。",
        "※前住所の市区町村が発行した転出証明書を添えてください。",
    ]),
))


# ---------------------------------------------------------------- geometry

def layout(spec: FormSpec) -> dict:
    """Compute the layout dict (the layout.json content) plus drawing primitives under '_draw'."""
    fx, fy, fw = spec.frame_x, spec.frame_y, spec.frame_w
    T, t = spec.frame_t, spec.rule_t
    nrows = len(spec.rows)
    fh = spec.row_h * nrows
    rules: list[list[int]] = []
    # outer frame (4 rectangles of width T, drawn inside the outer edge)
    frame_rects = [[fx, fy, fw, T], [fx, fy + fh - T, fw, T], [fx, fy, T, fh], [fx + fw - T, fy, T, fh]]
    fields = []
    cells_draw = []
    for r, row in enumerate(spec.rows):
        y0 = fy + r * spec.row_h
        y1 = y0 + spec.row_h
        if r > 0:
            rules.append([fx + T, y0 - t // 2, fw - 2 * T, t])
        top = fy + T if r == 0 else y0 + (t - t // 2)
        bottom = fy + fh - T if r == nrows - 1 else y1 - t // 2      # exclusive
        x = fx
        for c, cell in enumerate(row):
            xs = [x, x + cell.label_w]
            last = c == len(row) - 1
            xe = fx + fw if (last or cell.value_w is None) else xs[1] + cell.value_w
            # vertical rules: label|value always; value|next label when not last
            for i, xb in enumerate([xs[1]] + ([] if last else [xe])):
                rules.append([xb - t // 2, top, t, bottom - top])
            lab_l = fx + T if c == 0 else x + (t - t // 2)
            lab_r = xs[1] - t // 2
            val_l = xs[1] + (t - t // 2)
            val_r = fx + fw - T if last else xe - t // 2
            label_box = [lab_l + ZONE_INSET, top + ZONE_INSET, lab_r - lab_l - 2 * ZONE_INSET,
                         bottom - top - 2 * ZONE_INSET]
            zone = [val_l + ZONE_INSET, top + ZONE_INSET, val_r - val_l - 2 * ZONE_INSET,
                    bottom - top - 2 * ZONE_INSET]
            f = cell.field
            entry = {"name": f.name, "label": f.label.replace("\n", ""), "label_box": label_box,
                     "zone": zone, "kind": f.kind, "lang": f.lang, "required": f.required}
            if f.kind in BOX_KINDS:
                entry["options"] = _option_boxes(spec, zone, f.options)
            fields.append(entry)
            cells_draw.append({"field": f, "label_cell": [lab_l, top, lab_r - lab_l, bottom - top]})
            x = xe
    return {
        "form": spec.id,
        "title": spec.title,
        "dpi": DPI,
        "size": list(spec.page),
        "frame": [fx, fy, fw, fh],
        "frame_thickness": T,
        "rule_thickness": t,
        "rules": rules,
        "fields": fields,
        "_draw": {"frame_rects": frame_rects, "cells": cells_draw},
    }


def _option_boxes(spec: FormSpec, zone: list[int], options: list[str]) -> dict[str, list[int]]:
    zx, zy, zw, zh = zone
    by = zy + (zh - BOX) // 2
    x = zx + 24
    f = fonts.font("IPAGothic", spec.option_size)
    out = {}
    for opt in options:
        out[opt] = [x, by, BOX, BOX]
        x += BOX + 16 + int(f.getlength(opt)) + 56
    if x - 56 > zx + zw:
        raise ValueError(f"options do not fit in {zone}: {options}")
    return out


def public_layout(lay: dict) -> dict:
    return {k: v for k, v in lay.items() if not k.startswith("_")}


# ---------------------------------------------------------------- drawing

def render_template(spec: FormSpec) -> tuple[Image.Image, dict]:
    """Blank form, 8-bit grey, white background."""
    lay = layout(spec)
    img = Image.new("L", spec.page, 255)
    d = ImageDraw.Draw(img)
    title_font = fonts.font("IPAGothic", spec.title_size)
    d.text(spec.title_xy, spec.title, font=title_font, fill=0, anchor=spec.title_anchor)
    for tx in spec.texts:
        d.text((tx.x, tx.y), tx.text, font=fonts.font("IPAGothic", tx.size), fill=0, anchor=tx.anchor)
    label_font = fonts.font("IPAGothic", spec.label_size)
    opt_font = fonts.font("IPAGothic", spec.option_size)
    for cd, fj in zip(lay["_draw"]["cells"], lay["fields"]):
        x, y, w, h = cd["label_cell"]
        d.rectangle([x, y, x + w - 1, y + h - 1], fill=LABEL_SHADE)
        lines = cd["field"].label.split("\n")
        lh = int(spec.label_size * 1.25)
        y0 = y + h / 2 - lh * len(lines) / 2 + lh / 2
        for i, ln in enumerate(lines):
            d.text((x + w / 2, y0 + i * lh), ln, font=label_font, fill=0, anchor="mm")
        for opt, (bx, by, bw, bh) in fj.get("options", {}).items():
            d.rectangle([bx, by, bx + bw - 1, by + bh - 1], outline=0, width=BOX_LINE)
            d.text((bx + bw + 16, by + bh / 2), opt, font=opt_font, fill=0, anchor="lm")
    for x, y, w, h in lay["_draw"]["frame_rects"] + lay["rules"]:
        d.rectangle([x, y, x + w - 1, y + h - 1], fill=0)
    if spec.office_box:
        _office_box(d, spec, lay)
    return img, lay


def _office_box(d: ImageDraw.ImageDraw, spec: FormSpec, lay: dict) -> None:
    """Small thin-lined 職員記入欄 (office use) table at the bottom right."""
    w_cell, h_head, h_body = 200, 60, 170
    heads = ["受付", "確認", "入力"]
    x1 = spec.frame_x + spec.frame_w
    x0 = x1 - w_cell * len(heads)
    y0 = spec.page[1] - 150 - h_head - h_body
    f = fonts.font("IPAGothic", 34)
    d.text((x0 - 20, y0 + h_head // 2), "職員記入欄", font=f, fill=0, anchor="rm")
    d.rectangle([x0, y0, x1 - 1, y0 + h_head + h_body - 1], outline=0, width=2)
    d.line([x0, y0 + h_head, x1 - 1, y0 + h_head], fill=0, width=2)
    for i, hd in enumerate(heads):
        if i:
            d.line([x0 + i * w_cell, y0, x0 + i * w_cell, y0 + h_head + h_body - 1], fill=0, width=2)
        d.text((x0 + i * w_cell + w_cell // 2, y0 + h_head // 2), hd, font=f, fill=0, anchor="mm")
