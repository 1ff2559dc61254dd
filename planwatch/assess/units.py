"""Unit conversions the engine accepts: only exact ones, each documented in docs/methodology.md.

A reported value whose unit differs from the item's is converted only where the conversion is
exact (万元 ↔ 亿元; days → share of the days in that year for a day-share indicator). Anything
else is refused: a silently wrong unit is worse than a rejected row.
"""

from __future__ import annotations

import calendar
import unicodedata
from functools import cache

from planwatch.errors import Text, text

#: Money units of one scale family, as multiples of 1 元. Only pairs listed in the issue are
#: exact *and* agreed; add a unit here and to the methodology together.
MONEY_SCALE: dict[str, int] = {"万元": 10_000, "亿元": 100_000_000}

#: Units meaning "days" in a reported value.
DAY_UNITS: frozenset[str] = frozenset({"天", "日", "d", "day", "days"})

#: Words that mark an indicator as a share of the days in a year (空气质量优良天数比率).
DAY_SHARE_WORDS: tuple[str, ...] = ("天数比率", "天数比例", "天数占比")


class UnitError(ValueError):
    """A value cannot be converted exactly into the item's unit; ``text`` says why, bilingual."""

    def __init__(self, message: Text) -> None:
        self.text = message
        super().__init__(message.render())


@cache
def normalise_unit(unit: str | None) -> str | None:
    """Fold full-width forms (``％`` → ``%``) and blanks so that equal units compare equal."""
    if unit is None:
        return None
    text = unicodedata.normalize("NFKC", unit).strip()
    return text or None


@cache
def is_day_share(name: str, unit: str | None) -> bool:
    """True for a percentage indicator counting days of the year (优良天数比率 and the like)."""
    return normalise_unit(unit) == "%" and any(word in name for word in DAY_SHARE_WORDS)


def convert(
    value: float, unit: str | None, item_unit: str | None, *, year: int, day_share: bool
) -> float:
    """Return ``value`` expressed in ``item_unit``; raise :class:`UnitError` if not exact."""
    given, wanted = normalise_unit(unit), normalise_unit(item_unit)
    if given is None or wanted is None or given == wanted:
        return value  # nothing to convert from, or an item without a unit to convert into
    if given in MONEY_SCALE and wanted in MONEY_SCALE:
        return value * MONEY_SCALE[given] / MONEY_SCALE[wanted]
    if given.lower() in DAY_UNITS and day_share:
        days = 366 if calendar.isleap(year) else 365
        if not 0 <= value <= days:
            raise UnitError(
                text(
                    "units.days",
                    "{value}天超出了{year}年的{days}天",
                    "{value} days is not within the {days} days of {year}",
                    value=f"{value:g}",
                    year=year,
                    days=days,
                )
            )
        return value / days * 100
    raise UnitError(
        text(
            "units.inexact",
            "无法把{given}换算为{wanted}：只接受万元↔亿元，以及天数→天数比率",
            "cannot convert {given} into {wanted}; only 万元↔亿元 and days → share of days "
            "(for day-share indicators) are exact",
            given=given,
            wanted=wanted,
        )
    )
