"""The coordinator's records for targets in words: outside reference figures and range bounds.

Checked like the other records before anything is judged: a known item whose outline target
asks for that record, a year inside the plan period, finite numbers, one record per item and
year, a range whose low end is not above its high end. Bad input raises InputError, naming
the item and what was expected.
"""

from __future__ import annotations

from collections.abc import Iterable
from math import isfinite

from planwatch.assess.model import RangeBound, ReferenceValue
from planwatch.errors import InputError
from planwatch.errors import text as message


def attach_word_records(
    items,
    references: Iterable[ReferenceValue],
    ranges: Iterable[RangeBound],
    base: int,
    target: int,
) -> None:
    """Reference figures onto ``item.compared``, bounds onto ``item.bounds`` (year → record)."""
    by_code = {item.code: item for item in items}
    for record in references:
        item = _item(by_code, record, "reference", "外部参照值", "reference value")
        _year(record, base, target, "外部参照值", "reference value")
        _finite(record, record.value, "外部参照值", "reference value")
        found = item.compared if item.compared is not None else {}
        _once(record, found, "外部参照值", "reference value")
        found[record.year] = float(record.value)
        item.compared = found
    for record in ranges:
        item = _item(by_code, record, "range", "合理区间", "range")
        _year(record, base, target, "合理区间", "range")
        if record.low is None and record.high is None:
            raise InputError(
                message(
                    "assess.range_empty",
                    "指标“{item}”的合理区间须至少给出下限或上限",
                    "the range of {item} needs a low or a high end",
                    item=record.item,
                )
            )
        for end in (record.low, record.high):
            if end is not None:
                _finite(record, end, "合理区间", "range")
        if record.low is not None and record.high is not None and record.low > record.high:
            raise InputError(
                message(
                    "assess.range_inverted",
                    "指标“{item}”的合理区间下限{low}高于上限{high}",
                    "the range of {item} has its low end {low} above its high end {high}",
                    item=record.item,
                    low=f"{record.low:g}",
                    high=f"{record.high:g}",
                )
            )
        found = item.bounds if item.bounds is not None else {}
        _once(record, found, "合理区间", "range")
        found[record.year] = record
        item.bounds = found


def _item(by_code, record, kind: str, what: str, what_en: str):
    item = by_code.get(record.item)
    if item is None:
        raise InputError(
            message(
                "assess.record_unknown_item",
                "{what}对应的指标“{item}”不在规划中",
                "{what_en} for unknown item {item!r}",
                item=record.item,
                what=what,
                what_en=what_en,
            )
        )
    if not any(w.kind == kind for w in (*item.words, *item.beside)):
        raise InputError(
            message(
                "assess.record_not_asked",
                "指标“{item}”的目标不需要{what}（只有“快于全省平均水平”“保持在合理区间”这类文字目标需要）",
                "the target of {item} needs no {what_en} (only targets in words such as "
                "'faster than the provincial average' or 'within a reasonable range' do)",
                item=record.item,
                what=what,
                what_en=what_en,
            )
        )
    return item


def _year(record, base: int, target: int, what: str, what_en: str) -> None:
    year = record.year
    if year is None:
        return
    if isinstance(year, bool) or not isinstance(year, int) or not base < year <= target:
        raise InputError(
            message(
                "assess.record_year",
                "指标“{item}”的{what}年份{year}不在规划期{first}—{last}年内",
                "{what_en} of {item} for {year} is outside the plan period {first}–{last}",
                item=record.item,
                year=year,
                first=base + 1,
                last=target,
                what=what,
                what_en=what_en,
            )
        )


def _finite(record, value, what: str, what_en: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not isfinite(value):
        raise InputError(
            message(
                "assess.record_value",
                "指标“{item}”的{what}“{value}”不是有效数值",
                "{what_en} of {item}: {value!r} is not a finite number",
                item=record.item,
                value=value,
                what=what,
                what_en=what_en,
            )
        )


def _once(record, found: dict, what: str, what_en: str) -> None:
    if record.year in found:
        year = f"{record.year}年" if record.year is not None else "全期"
        raise InputError(
            message(
                "assess.record_year_twice",
                "指标“{item}”{year}的{what}重复",
                "two {what_en} records for {item} ({year})",
                item=record.item,
                year=year,
                what=what,
                what_en=what_en,
            )
        )
