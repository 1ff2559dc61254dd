"""Targets in words a row carries beside its own number (12th national outline, note ④ under
专栏2: 城乡居民收入增长按照不低于国内生产总值增长预期目标确定，在实施中要努力实现和经济发展同步):
judged against GDP row I1, beside the row's own grade. Made-up figures, verdicts worked out on
paper:

GDP (I1, 万亿元) 39.8 → 43.8 → 47.2: growth 10.05% and 7.76%, on average 8.90%.
城镇 (I20, 元) 19109 → 20500 → 22200: growth 7.28% and 8.29%, on average 7.78%: 1.12 points
below GDP, beyond the ±0.5 band (and twice it) → 不低于 and 同步 both lagging.
农村 (I21, 元) 5919 → 6400 → 7000: growth 8.13% and 9.38%, on average 8.75%: 0.15 points below
GDP, within the band but 2011 is 1.92 points below → both roughly on track.
"""

from pathlib import Path

import pytest

from planwatch.assess import assess_plan
from planwatch.assess.model import AssessOptions, Observation

OUTLINE = (
    Path(__file__).resolve().parent.parent / "fixtures/outlines/national-12th-main-objectives.md"
)
FIGURES = {
    "I1": (43.8, 47.2),
    "I20": (20500, 22200),
    "I21": (6400, 7000),
}


def _result(language="zh-hans"):
    from planwatch.outline import parse_outline

    plan = parse_outline(OUTLINE)
    obs = [
        Observation(code, year, value)
        for code, values in FIGURES.items()
        for year, value in zip((2011, 2012), values, strict=True)
    ]
    result = assess_plan(plan, obs, 2012, options=AssessOptions(language=language))
    return {i.code: i for i in result.indicators}


def test_the_note_targets_are_judged_against_gdp():
    rows = _result()
    checks = {c: [(w.kind, w.status) for w in rows[c].word_checks] for c in ("I20", "I21")}
    assert checks == {
        "I20": [("relative", "lagging"), ("relative", "lagging")],
        "I21": [("relative", "roughly_on_track"), ("relative", "roughly_on_track")],
    }
    urban = rows["I20"].word_checks
    assert urban[0].judged_value == pytest.approx(7.785, abs=0.001)
    assert urban[0].expected_value == pytest.approx(8.900, abs=0.001)
    assert urban[0].compared_with == "国内生产总值"
    assert urban[0].text == "城乡居民收入增长按照不低于国内生产总值增长预期目标确定"
    assert "年均增长7.8%，低于同期国内生产总值年均增长8.9%" in urban[0].explanation
    assert "其中2011年低于" in urban[0].explanation
    assert "相差1.12个百分点" in urban[1].explanation
    # the rows keep their own numbers' grade (>7% a year, >26810元 in 2015)
    assert rows["I20"].method != "relative" and rows["I20"].target_value == 26810
    assert rows["I1"].word_checks == ()


def test_in_english():
    checks = _result("en")["I21"].word_checks
    assert checks[0].label == "Roughly on track"
    assert "below the average growth of 8.9% of 国内生产总值" in checks[0].explanation
    assert "below in 2011" in checks[0].explanation
    assert "a difference of 0.15 percentage points" in checks[1].explanation


def test_without_gdp_figures_the_note_says_what_is_missing():
    from planwatch.outline import parse_outline

    plan = parse_outline(OUTLINE)
    obs = [Observation("I20", 2011, 20500), Observation("I20", 2012, 22200)]
    result = assess_plan(plan, obs, 2012)
    row = next(i for i in result.indicators if i.code == "I20")
    assert [w.status for w in row.word_checks] == ["needs_target", "needs_target"]
