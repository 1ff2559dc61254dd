"""Reading numbers the way outlines print them: Chinese numerals, units, bounds and brackets.

Shared by the indicator table and the prose targets so that ``4.5以内`` means the same in both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_CN_DIGITS |= {"七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
CN_NUMERAL = "零〇一二两三四五六七八九十百千万"

#: Full-width forms outlines mix with ASCII ones.
_WIDTH = str.maketrans(
    "０１２３４５６７８９．％＋－＜＞＝，：；（）",
    "0123456789.%+-<>=,:;()",
)

#: Units a quantity can carry, longest first so ``万吨标煤`` wins over ``万吨``.
_BASE_UNITS = (
    "微克/立方米", "毫克/升", "吨标准煤", "吨标煤", "平方公里", "平方米", "立方米", "千瓦时",
    "个百分点", "百分点",
    "亿美元", "万美元", "美元", "亿元", "万元", "元", "公里", "千米", "公顷", "千瓦", "兆瓦",
    "吨", "米", "亩", "家", "个", "人", "名", "所", "张", "项", "件", "座", "条", "套", "辆",
    "台", "户", "床", "处", "天", "年", "岁", "次", "倍", "篇", "部",
)  # fmt: skip
UNIT = (
    r"(?:%|‰|/10万(?:人)?|(?:[万亿千百]{0,2})(?:"
    + "|".join(_BASE_UNITS)
    + r")(?:/(?:[万千百]?(?:人|日|天|年|立方米|平方米|平方公里|户)))?)"
)
_BASE_SET = frozenset(_BASE_UNITS)
_SCALE = {"百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_UNIT_ONLY = re.compile(rf"^{UNIT}$|^微克/立方米$|^毫克/升$|^人/千人$|^个/千人$")

#: Cells that mean "no value here".
EMPTY_MARKS = {"", "—", "——", "———", "-", "--", "/", "\\", "无", "空", "…", "……", "－", "－－"}

_BRACKETED = re.compile(r"^[〔\[［【]\s*(.+?)\s*[〕\]］】]$")
_NUMBER = re.compile(r"[-+−]?\d+(?:\.\d+)?")
_PREFIX_COMPARATORS = (
    ("大于等于", ">="), ("小于等于", "<="), ("不低于", ">="), ("不少于", ">="), ("不高于", "<="),
    ("不超过", "<="), ("控制在", "<="), (">=", ">="), ("≥", ">="), ("≧", ">="), ("<=", "<="),
    ("≤", "<="), ("≦", "<="), ("大于", ">"), ("超过", ">"), (">", ">"), ("小于", "<"),
    ("低于", "<"), ("<", "<"), ("约", "~"), ("≈", "~"), ("~", "~"),
)  # fmt: skip
_SUFFIX_COMPARATORS = (("以上", ">="), ("以内", "<="), ("以下", "<="), ("左右", "~"))


@dataclass(frozen=True)
class Quantity:
    """A cell or phrase read as a number with its bound; ``value`` is None for words only."""

    value: float | None
    comparator: str | None
    text: str
    bracketed: bool = False
    percent: bool = False
    bare: bool = False  # a plain number, no sign, unit or bound


def normalize(text: str) -> str:
    """Full-width digits and signs to ASCII, surrounding blanks removed."""
    return text.translate(_WIDTH).strip(" \t\u3000\u00a0")


def is_empty(text: str | None) -> bool:
    return text is None or normalize(text).replace(" ", "") in EMPTY_MARKS


def read_quantity(text: str) -> Quantity | None:
    """``4.5以内`` → 4.5 ``<=``; ``〔1.76〕`` → 1.76 bracketed; ``——`` → None (nothing there)."""
    if is_empty(text):
        return None
    raw = " ".join(text.split())
    body = normalize(raw).replace(" ", "")
    bracketed = False
    inner = _BRACKETED.match(body)
    if inner:
        body, bracketed = inner.group(1), True
    comparator = None
    for word, comp in _PREFIX_COMPARATORS:
        if body.startswith(word):
            comparator, body = comp, body[len(word) :]
            break
    for word, comp in _SUFFIX_COMPARATORS:
        if body.endswith(word):
            comparator, body = comparator or comp, body[: -len(word)]
            break
    number = _NUMBER.search(body)
    if not number:
        return Quantity(None, None, raw, bracketed)
    value = float(number.group().replace("−", "-").replace("+", ""))
    percent = "%" in body
    bare = number.group() == body and comparator is None and not bracketed
    return Quantity(value, comparator, raw, bracketed, percent, bare)


def is_unit(text: str) -> bool:
    """Whether a bracketed suffix such as ``(%)`` or ``（万吨标煤）`` is a unit, not a name part."""
    return bool(_UNIT_ONLY.match(normalize(text).replace(" ", "")))


def cn_to_int(text: str) -> int | None:
    """Chinese or Arabic numerals to an integer: ``三十`` → 30, ``二〇二五`` → 2025."""
    text = normalize(text)
    if text.isdigit():
        return int(text)
    if not text or any(ch not in CN_NUMERAL for ch in text):
        return None
    if not any(ch in _CN_UNITS for ch in text):  # digit by digit, as in years
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch == "万":
            total = (total + section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
    return total + section + (digit or 0)


def as_number(value: float | None) -> float | int | None:
    """Whole numbers as ``int`` so that JSON shows ``500``, not ``500.0``."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def unit_factor(unit: str, target_unit: str) -> float | None:
    """What a value in ``unit`` is multiplied by to read in ``target_unit`` (``万家`` → ``家``:
    10000), or None when the two measure different things."""
    if unit == target_unit:
        return 1.0
    scale, base = _scaled(unit)
    target_scale, target_base = _scaled(target_unit)
    return scale / target_scale if base == target_base else None


def _scaled(unit: str) -> tuple[float, str]:
    """``万吨标煤`` → (10000, ``吨标煤``); ``千瓦`` merely starts with 千 and stays whole."""
    scale, rest = 1.0, unit
    while len(rest) > 1 and rest[0] in _SCALE and (rest[1:] in _BASE_SET or rest[1] in _SCALE):
        scale, rest = scale * _SCALE[rest[0]], rest[1:]
    return scale, rest


def is_year(number: str, unit: str) -> bool:
    """``2020年`` is a date, not a quantity of years."""
    return unit == "年" and number.isdigit() and 1900 <= int(number) <= 2100
