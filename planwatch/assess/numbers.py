"""THE one number parser: spreadsheet cells, web forms, CSV files and the API read numbers here.

Officials type figures as they see them printed: full-width digits and punctuation (４５．６),
thousands separators (1,234.5), a trailing % on a percentage. Every entry point gets the same
answer for the same text, and the same Chinese message when the text is not a number.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from math import isfinite
from numbers import Real

from planwatch.errors import InputError, Text, text

#: A plain decimal, optionally with correct thousands groups; no exponent, no underscores.
_NUMBER = re.compile(r"^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$|^[+-]?\.\d+$")
#: Minus signs people paste from documents, folded to "-".
_MINUS = str.maketrans({"−": "-", "－": "-", "—": "-", "–": "-"})


def parse_number(value: object, *, unit: str | None = None) -> float:
    """``value`` (text or a number from a cell) as a finite float, or InputError saying why.

    A trailing ``%`` is accepted when ``unit`` is ``%`` or unknown (None); with another unit it
    is refused, since 12% of 亿元 means nothing.
    """
    problem = number_problem(value, unit=unit)
    if problem is not None:
        raise InputError(problem)
    return _parsed(value)


def number_problem(value: object, *, unit: str | None = None) -> Text | None:
    """Why ``value`` is not a number (a bilingual Text), or None when it is one."""
    if value is None or isinstance(value, bool):
        return _not_a_number(value)
    if isinstance(value, Real | Decimal):
        if not isfinite(float(value)):
            return _not_finite(value)
        return None
    folded = fold(str(value))
    if not folded:
        return text("number.empty", "数值为空", "the value is empty")
    if folded.endswith("%"):
        wanted = unicodedata.normalize("NFKC", unit).strip() if unit else None
        if wanted not in (None, "%"):
            return text(
                "number.percent_sign",
                "“{value}”带有%，但该指标的单位是{unit}",
                '"{value}" has a % sign but the unit is {unit}',
                value=str(value).strip(),
                unit=wanted,
            )
        folded = folded[:-1]
    if folded.lower() in ("inf", "+inf", "-inf", "infinity", "nan"):
        return _not_finite(value)
    if not _NUMBER.match(folded):
        return _not_a_number(value)
    return None


def has_percent_sign(value: object) -> bool:
    """True when a text value was written with a trailing % (the unit it implies)."""
    return isinstance(value, str) and fold(value).endswith("%")


def fold(raw: str) -> str:
    """Full-width forms to ASCII (NFKC), minus signs to "-", blanks removed."""
    folded = unicodedata.normalize("NFKC", raw).translate(_MINUS)
    return "".join(folded.split())


def _parsed(value: object) -> float:
    if isinstance(value, Real | Decimal):
        return float(value)
    digits = fold(str(value)).removesuffix("%").replace(",", "")
    return float(digits)


def _not_a_number(value: object) -> Text:
    return text(
        "number.invalid",
        "“{value}”不是数字（可写作 1234.5、1,234.5、４５．６ 或 12%）",
        '"{value}" is not a number (write 1234.5, 1,234.5, ４５．６ or 12%)',
        value="" if value is None else str(value).strip(),
    )


def _not_finite(value: object) -> Text:
    return text(
        "number.not_finite",
        "“{value}”不是有限的数值",
        '"{value}" is not a finite number',
        value=str(value).strip(),
    )
