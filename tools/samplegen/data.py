"""Realistic values. Every character used here is in Tesseract's jpn (4.1.0 fast) character set:
no rare name kanji (髙 﨑 邉 齊 ...), no full-width digits."""

from __future__ import annotations

import datetime as dt
import random

from .wareki import my_number_check_digit

SURNAMES = [
    ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"),
    ("伊藤", "イトウ"), ("渡辺", "ワタナベ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"),
    ("小林", "コバヤシ"), ("加藤", "カトウ"), ("吉田", "ヨシダ"), ("山田", "ヤマダ"),
    ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"), ("井上", "イノウエ"),
    ("木村", "キムラ"), ("林", "ハヤシ"), ("斎藤", "サイトウ"), ("清水", "シミズ"),
    ("山崎", "ヤマザキ"), ("森", "モリ"), ("池田", "イケダ"), ("橋本", "ハシモト"),
    ("阿部", "アベ"), ("石川", "イシカワ"), ("山下", "ヤマシタ"), ("中島", "ナカジマ"),
    ("石井", "イシイ"), ("小川", "オガワ"), ("前田", "マエダ"), ("岡田", "オカダ"),
    ("長谷川", "ハセガワ"), ("藤田", "フジタ"), ("後藤", "ゴトウ"), ("近藤", "コンドウ"),
    ("村上", "ムラカミ"), ("遠藤", "エンドウ"), ("青木", "アオキ"), ("坂本", "サカモト"),
]

# (kanji, katakana, sex)
GIVEN_NAMES = [
    ("太郎", "タロウ", "男"), ("一郎", "イチロウ", "男"), ("健太", "ケンタ", "男"),
    ("翔太", "ショウタ", "男"), ("大輔", "ダイスケ", "男"), ("拓也", "タクヤ", "男"),
    ("直樹", "ナオキ", "男"), ("誠", "マコト", "男"), ("浩", "ヒロシ", "男"),
    ("隆", "タカシ", "男"), ("健一", "ケンイチ", "男"), ("和也", "カズヤ", "男"),
    ("大樹", "ダイキ", "男"), ("蓮", "レン", "男"), ("悠真", "ユウマ", "男"),
    ("湊", "ミナト", "男"), ("陽太", "ヨウタ", "男"), ("博之", "ヒロユキ", "男"),
    ("修", "オサム", "男"), ("清", "キヨシ", "男"),
    ("花子", "ハナコ", "女"), ("恵子", "ケイコ", "女"), ("洋子", "ヨウコ", "女"),
    ("幸子", "サチコ", "女"), ("美香", "ミカ", "女"), ("由美", "ユミ", "女"),
    ("直子", "ナオコ", "女"), ("久美子", "クミコ", "女"), ("智子", "トモコ", "女"),
    ("愛", "アイ", "女"), ("陽菜", "ヒナ", "女"), ("結衣", "ユイ", "女"),
    ("美咲", "ミサキ", "女"), ("さくら", "サクラ", "女"), ("葵", "アオイ", "女"),
    ("真由美", "マユミ", "女"), ("明美", "アケミ", "女"), ("裕子", "ユウコ", "女"),
    ("結菜", "ユイナ", "女"), ("芽依", "メイ", "女"),
]

# 相模原市: ward -> (postal prefix, towns)
SAGAMIHARA = {
    "緑区": ("252-01", ["橋本", "西橋本", "東橋本", "大島", "二本松", "相原", "原宿", "下九沢", "向原", "城山", "久保沢", "町屋"]),
    "中央区": ("252-02", ["中央", "富士見", "相模原", "清新", "小山", "矢部", "淵野辺", "上溝", "光が丘", "星が丘", "千代田", "横山", "陽光台", "田名"]),
    "南区": ("252-03", ["相模大野", "上鶴間", "古淵", "東林間", "南台", "麻溝台", "相南", "新磯野", "松が枝町", "御園", "若松", "双葉", "旭町", "大野台"]),
}

OTHER_CITIES = [
    ("東京都町田市", "194-00", ["原町田", "中町", "森野", "旭町", "玉川学園", "鶴間", "成瀬"]),
    ("東京都八王子市", "192-00", ["元本郷町", "横山町", "明神町", "旭町", "子安町"]),
    ("神奈川県大和市", "242-00", ["中央", "下鶴間", "南林間", "深見西", "上和田"]),
    ("神奈川県座間市", "252-00", ["相武台", "入谷西", "緑ケ丘", "小松原", "立野台"]),
    ("神奈川県厚木市", "243-00", ["中町", "旭町", "妻田東", "水引", "岡田"]),
    ("横浜市緑区", "226-00", ["中山", "十日市場町", "長津田", "白山", "台村町"]),
]

BUILDINGS = ["ハイツ", "コーポ", "メゾン", "グランハイツ", "サンハイツ", "パークハイム", "レジデンス"]


def person(rng: random.Random, sex: str | None = None, surname: tuple[str, str] | None = None):
    """Return dict(surname, given, kana_surname, kana_given, sex)."""
    sur = surname or rng.choice(SURNAMES)
    pool = [g for g in GIVEN_NAMES if sex is None or g[2] == sex]
    g = rng.choice(pool)
    return {"surname": sur[0], "kana_surname": sur[1], "given": g[0], "kana_given": g[1], "sex": g[2]}


def name_strings(rng: random.Random, p: dict, kana: bool = False) -> str:
    """Printed name: surname and given name separated by a full-width or ASCII space (or none)."""
    a, b = (p["kana_surname"], p["kana_given"]) if kana else (p["surname"], p["given"])
    sep = rng.choices(["\u3000", " ", ""], weights=[6, 3, 1])[0]
    return f"{a}{sep}{b}"


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def address_sagamihara(rng: random.Random) -> tuple[str, str]:
    """Return (address, postal code)."""
    ward = rng.choice(sorted(SAGAMIHARA))
    prefix, towns = SAGAMIHARA[ward]
    town = rng.choice(towns)
    postal = f"{prefix}{rng.randrange(10, 100)}"
    pref = rng.choice(["", "", "神奈川県"])
    return _street(rng, f"{pref}相模原市{ward}{town}", town), postal


def address_other(rng: random.Random) -> tuple[str, str]:
    city, prefix, towns = rng.choice(OTHER_CITIES)
    postal = f"{prefix}{rng.randrange(10, 100)}"
    town = rng.choice(towns)
    return _street(rng, f"{city}{town}", town), postal


def _street(rng: random.Random, base: str, town: str) -> str:
    c, b, g = rng.randint(1, 6), rng.randint(1, 30), rng.randint(1, 25)
    if rng.random() < 0.5:
        s = f"{base}{c}丁目{b}番{g}号"
    else:
        s = f"{base}{c}-{b}-{g}"
    if rng.random() < 0.35:
        building = rng.choice(BUILDINGS) + (town if rng.random() < 0.3 else "")
        s += f" {building}{rng.randint(1, 5)}0{rng.randint(1, 9)}"
    return s


def phone(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.55:
        return f"042-7{rng.randint(0, 9)}{rng.randint(0, 9)}-{rng.randint(0, 9999):04d}"
    if r < 0.65:
        return "042-754-1111"
    return f"{rng.choice(['090', '080', '070'])}-{rng.randint(1000, 9999)}-{rng.randint(0, 9999):04d}"


def my_number(rng: random.Random, valid: bool = True) -> str:
    body = f"{rng.randint(1, 9)}" + "".join(str(rng.randint(0, 9)) for _ in range(10))
    cd = my_number_check_digit(body)
    if not valid:
        cd = (cd + rng.randint(1, 9)) % 10
    return body + str(cd)


def group_my_number(rng: random.Random, digits: str) -> str:
    style = rng.choices(["plain", "space4", "hyphen4"], weights=[6, 3, 1])[0]
    if style == "plain":
        return digits
    sep = " " if style == "space4" else "-"
    return sep.join([digits[0:4], digits[4:8], digits[8:12]])
