"""和暦 dates and 個人番号 (My Number) check digits."""

from __future__ import annotations

import datetime as dt

# (kanji, letter, first day)
ERAS = [
    ("令和", "R", dt.date(2019, 5, 1)),
    ("平成", "H", dt.date(1989, 1, 8)),
    ("昭和", "S", dt.date(1926, 12, 25)),
    ("大正", "T", dt.date(1912, 7, 30)),
    ("明治", "M", dt.date(1868, 10, 23)),
]


def era_of(d: dt.date) -> tuple[str, str, int]:
    for kanji, letter, start in ERAS:
        if d >= start:
            return kanji, letter, d.year - start.year + 1
    raise ValueError(f"date before 明治: {d}")


def format_wareki(d: dt.date, style: str = "kanji") -> str:
    """style: 'kanji' (令和7年4月1日, 令和元年5月1日), 'kanji1' (令和1年5月1日), 'letter' (R7.4.1)."""
    kanji, letter, year = era_of(d)
    if style == "letter":
        return f"{letter}{year}.{d.month}.{d.day}"
    y = "元" if (year == 1 and style == "kanji") else str(year)
    return f"{kanji}{y}年{d.month}月{d.day}日"


# Dates that look plausible but do not exist (printed, canonical value null).
IMPOSSIBLE_DATES = [
    "平成31年5月1日",   # 平成 ended 2019-04-30
    "平成31年6月10日",
    "昭和64年1月8日",   # 昭和 ended 1989-01-07
    "令和元年4月30日",  # 令和 began 2019-05-01
    "令和7年2月29日",   # 2025 is not a leap year
    "令和6年4月31日",   # April has 30 days
    "令和5年13月1日",
]


def my_number_check_digit(first11: str) -> int:
    """Check digit of a 12-digit 個人番号 from its first 11 digits.

    Pn = n-th digit counted from the right of the 11 digits (P1 is the 11th digit),
    Qn = n+1 for 1<=n<=6, n-5 for 7<=n<=11; r = sum(Pn*Qn) mod 11;
    check digit = 0 if r <= 1 else 11 - r.
    """
    if len(first11) != 11 or not first11.isdigit():
        raise ValueError("need 11 digits")
    total = 0
    for n in range(1, 12):
        p = int(first11[11 - n])
        q = n + 1 if n <= 6 else n - 5
        total += p * q
    r = total % 11
    return 0 if r <= 1 else 11 - r


def my_number_valid(number: str) -> bool:
    return (len(number) == 12 and number.isdigit()
            and my_number_check_digit(number[:11]) == int(number[11]))
