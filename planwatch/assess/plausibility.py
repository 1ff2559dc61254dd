"""Is a reported figure possible, and is it believable next to last year's? One home for both.

Every entry point (web form, Excel upload, API, the CLI's CSV/XLSX files) calls
:func:`check_value`. An *impossible* value (a share above 100 %, a negative count, a rank of 0)
is refused outright. An *implausible jump* against the previous year (three times as large, a
third as large, or a change of sign) may be a real figure: it is accepted only when the person
confirms it (``confirmed=True``), and it stays flagged for the reviewer.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from math import isfinite

from planwatch.assess.units import normalise_unit
from planwatch.assess.wording import is_growth_rate, is_reduction
from planwatch.errors import InputError, Text, text

#: A jump is implausible when the new value is this many times the previous one, or less than
#: its reciprocal (×3 up or down).
JUMP_FACTOR = 3.0
#: More significant digits than a double keeps exactly: such a figure is a typing accident.
MAX_DIGITS = 15

#: Value kinds and what they allow; see docs/assessment-format.md.
KINDS = ("share", "growth_rate", "reduction_rate", "count", "amount", "rank", "other")
#: Last character of a unit counting things (家, 个, 件 …): never negative.
COUNT_ENDINGS = frozenset("家个件项户人座所台套艘辆岁年天日")
#: Words that make a percentage a share of a whole (0–100 %): 城镇化率, 比重, 覆盖率 …
#: A percentage without one (居民消费价格涨幅) may be negative and is not range-checked.
SHARE_WORDS = ("率", "比重", "比例", "占比", "占", "覆盖", "普及", "达标", "优良")
#: Units that are positions in a ranking.
RANK_UNITS = frozenset({"位", "名"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a value: a refusal, or a jump that needs a person's confirmation."""

    code: str  # "plausibility.share_range", "plausibility.jump", …
    message: Text
    #: True for an implausible jump: accepted with ``confirmed=True`` and flagged for review.
    needs_confirmation: bool = False

    @property
    def refused(self) -> bool:
        return not self.needs_confirmation


@cache
def value_kind(name: str, unit: str | None, *, rank: bool = False) -> str:
    """The kind of figure an item reports, from its name and unit (see :data:`KINDS`)."""
    unit = normalise_unit(unit) or ""
    if rank or unit in RANK_UNITS:
        return "rank"
    if unit == "%":
        if is_reduction(name):
            return "reduction_rate"
        if is_growth_rate(name, "%"):
            return "growth_rate"
        return "share" if any(word in name for word in SHARE_WORDS) else "other"
    if unit.endswith("元"):
        return "amount"
    if unit and unit[-1] in COUNT_ENDINGS:
        return "count"
    return "other"


def check_value(
    value: float,
    *,
    item: str,
    year: int,
    kind: str = "other",
    unit: str | None = None,
    previous: float | None = None,
    confirmed: bool = False,
) -> list[Problem]:
    """Problems with ``value`` reported for ``item`` (its code and name, as shown) in ``year``.

    Returns refusals first; a jump against ``previous`` (last year's value) is listed only when
    not ``confirmed``. An empty list means the value may be stored.
    """
    where = {"item": item, "year": year, "value": _shown(value), "unit": unit or ""}
    refusal = _impossible(value, kind, where)
    if refusal is not None:
        return [refusal]
    if previous is None or confirmed or kind in ("growth_rate", "reduction_rate"):
        return []  # rates swing and change sign in ordinary years: no jump check on them
    jump = _jump(value, previous, where)
    return [] if jump is None else [jump]


def require_plausible(problems: list[Problem], **place) -> None:
    """Raise InputError (with ``place``: file, row, column …) for the first problem, if any."""
    if problems:
        raise InputError(problems[0].message, **place)


def _impossible(value: float, kind: str, where: dict) -> Problem | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return _refuse("not_a_number", "不是数字", "is not a number", where)
    value = float(value)
    if not isfinite(value):
        return _refuse("not_finite", "不是有限的数值", "is not a finite number", where)
    if abs(value) >= 10**MAX_DIGITS:  # typed digits beyond 15 are refused by parse_number
        return _refuse(
            "too_many_digits",
            f"超过{MAX_DIGITS}位有效数字，应为录入错误",
            f"has more than {MAX_DIGITS} significant digits, a typing error",
            where,
        )
    if kind == "share" and not 0 <= value <= 100:
        return _refuse("share_range", "超出比重的取值范围0—100%", "is outside 0–100 %", where)
    if kind == "growth_rate" and value <= -100:
        return _refuse("rate_range", "增速应大于-100%", "must be above -100 %", where)
    if kind == "reduction_rate" and value >= 100:
        return _refuse("reduction_range", "降低率应小于100%", "must be below 100 %", where)
    if kind in ("count", "amount") and value < 0:
        return _refuse("negative", "不能为负数，应不小于0", "cannot be negative (0 or more)", where)
    if kind == "rank" and (value < 1 or not value.is_integer()):
        return _refuse(
            "rank_range", "名次应为不小于1的整数", "must be a whole position of 1 or more", where
        )
    return None


def _jump(value: float, previous: float, where: dict) -> Problem | None:
    value, previous = float(value), float(previous)
    changed_sign = value * previous < 0
    ratio = abs(value / previous) if previous else None
    if not changed_sign and (ratio is None or 1 / JUMP_FACTOR <= ratio <= JUMP_FACTOR):
        return None
    params = {**where, "previous": _shown(previous), "last_year": where["year"] - 1}
    return Problem("plausibility.jump", jump_message(**params), needs_confirmation=True)


def jump_message(**params) -> Text:
    """The message of an unusual jump from its parameters (item, year, value, unit, previous,
    last_year): a confirmed jump is stored as code + parameters and rendered from here in the
    reader's language."""
    return text(
        "plausibility.jump",
        "{item} {year}年为{value}{unit}，较{last_year}年的{previous}{unit}变化异常"
        "（超过3倍或正负号改变），请核实后确认提交，审核时将提示复核",
        "{item} {year}: {value} {unit} against {previous} {unit} in {last_year} is an "
        "unusual change (over ×3 or a change of sign); confirm it to submit, and the "
        "reviewer will be asked to check it",
        **params,
    )


#: Problems that are stored with a figure (as code + parameters), by code: how to word them.
STORED_MESSAGES = {"plausibility.jump": jump_message}


def _refuse(code: str, zh: str, en: str, where: dict) -> Problem:
    return Problem(
        f"plausibility.{code}",
        text(
            f"plausibility.{code}",
            "{item} {year}年的数值{value}" + zh,
            "{item} {year}: the value {value} " + en,
            **where,
        ),
    )


def _shown(value: object) -> str:
    if isinstance(value, float) and isfinite(value):
        return f"{value:g}" if abs(value) < 1e15 else f"{value:.3g}"
    return str(value)
