"""A strict floor (超过17%, comparator '>') is kept only above its value; '>=' at it."""

import pytest

from planwatch.assess.items import meets

from .handmade import judge, prose


@pytest.mark.parametrize(
    "comparator, value, kept",
    [(">", 17, False), (">", 17.2, True), (">=", 17, True), ("<", 5, False), ("<", 4.9, True)],
)
def test_meets_reads_strict_and_inclusive_bounds(comparator, value, kept):
    target = 5 if comparator == "<" else 17
    direction = "decrease" if comparator == "<" else "increase"
    assert meets(value, target, comparator, direction) is kept


def test_a_prose_strict_floor_lags_at_its_value_and_is_kept_above_it():
    share = prose(
        "T1", "战略性新兴产业增加值占GDP比重", 17, "%", comparator=">", baseline=13,
        text="到2025年，战略性新兴产业增加值占GDP比重超过17%",
    )  # fmt: skip
    assert judge(share, {2021: 14, 2025: 17}, 2025).status == "lagging"
    assert judge(share, {2021: 14, 2025: 17.2}, 2025).status == "achieved"
    inclusive = prose("T1", "比重", 17, "%", comparator=">=", baseline=13, text="比重达到17%以上")
    assert judge(inclusive, {2021: 14, 2025: 17}, 2025).status == "achieved"
