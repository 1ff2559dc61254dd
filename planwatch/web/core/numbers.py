"""The one place the web reads a number a person typed: forms, the Excel upload, the API.

THE parser is ``planwatch.assess.numbers.parse_number(text, *, unit=None)`` (core, coming from
the assess branch). Until it is merged this function does the same job with the same contract,
so every web caller already goes through one door; the integrator replaces the body with
``return parse_number(value, unit=unit)`` (numbers from JSON stay numbers).
"""

from __future__ import annotations

import math
import re

from planwatch.errors import InputError, text

#: Full-width digits and punctuation typed with a Chinese input method.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋％", "0123456789.-+%")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(\D|$))")


def parse_cell_number(value: str | float | int, *, unit: str | None = None) -> float:
    """The number in ``value`` ("1,234.5", "１２.５", "12%" when the unit is %); InputError
    with a Chinese message for anything else."""
    if isinstance(value, bool):
        raise _not_a_number(value)
    if isinstance(value, int | float):
        number = float(value)
    else:
        cleaned = _THOUSANDS.sub("", str(value).strip().translate(_FULL_WIDTH))
        if cleaned.endswith("%") and (unit or "").strip() in ("%", "％"):
            cleaned = cleaned[:-1].rstrip()
        if not _NUMBER.fullmatch(cleaned):
            raise _not_a_number(value)
        number = float(cleaned)
    if not math.isfinite(number):
        raise _not_a_number(value)
    return number


def _not_a_number(value) -> InputError:
    return InputError(
        text(
            "web.not_a_number",
            "“{value}”不是数字：只填数字，不带单位（可用千位分隔符，百分比指标可带 %）。",
            "{value!r} is not a number: write the figure only, without its unit "
            "(thousands separators allowed, and % for a percentage).",
            value=value,
        )
    )
