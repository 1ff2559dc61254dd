"""The 12th outline's main indicator table (专栏2, an image in the conversion) typed as a
coordinator would — a government page with merged cells, and a Markdown pipe table — read
against the gold typed by hand from the published image."""

from pathlib import Path

import pytest

from planwatch.outline import parse_outline

from .gold_national import TABLE_12TH, TABLE_12TH_NOTED, TABLE_12TH_NOTES

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "outlines"


@pytest.fixture(scope="module", params=["html", "md"])
def plan(request):
    return parse_outline(FIXTURES / f"national-12th-main-objectives.{request.param}")


def _row(i):
    return (
        i.code,
        i.name,
        i.unit,
        i.category,
        i.baseline.value if i.baseline else None,
        (i.target.value, i.target.comparator) if i.target else None,
        (i.annual_growth.value, i.annual_growth.comparator) if i.annual_growth else None,
        i.cumulative_change.value if i.cumulative_change else None,
        i.attribute,
    )


def test_every_row_against_the_image(plan):
    assert [_row(i) for i in plan.indicators] == TABLE_12TH
    assert (plan.base_year, plan.target_year) == (2010, 2015)


def test_rows_under_a_group_read_their_sense_from_it(plan):
    by_code = {i.code: i for i in plan.indicators}
    # 减少 by 8 %: a larger reduction is better, although 化学需氧量 names a pollutant
    assert all(by_code[f"I{k}"].direction == "increase" for k in (14, 15, 16, 17))
    assert by_code["I27"].direction == "decrease"  # < 139000 caps the population


def test_the_note_is_kept_item_by_item_and_with_the_rows_it_names(plan):
    assert plan.indicator_notes == TABLE_12TH_NOTES
    noted = {i.code: i.notes for i in plan.indicators if i.notes}
    assert noted == {c: [TABLE_12TH_NOTES[k] for k in ks] for c, ks in TABLE_12TH_NOTED.items()}


def test_nothing_to_warn_about(plan):
    assert plan.warnings == []


#: Which table row each prose target of 第三章 restates, read by hand from text and image
#: (None: the table has no such row).
RESTATES = {
    "T1": "I1", "T2": "I23", "T3": "I22", "T4": "I2", "T5": "I3", "T6": "I4", "T7": "I5",
    "T8": "I6", "T9": "I7", "T10": "I8", "T11": "I9", "T12": "I10", "T13": "I11", "T14": "I12",
    "T15": "I13", "T16": "I14", "T17": "I15", "T18": "I16", "T19": "I17", "T20": "I18",
    "T21": "I19", "T22": "I27", "T23": "I28", "T24": "I28", "T25": "I20", "T26": "I21",
    "T27": None, "T28": "I24", "T29": "I25", "T30": "I26",
}  # fmt: skip


def test_prose_targets_restating_table_rows_name_them(plan):
    """No wrong link; 城镇新增就业 ↔ 城镇新增就业人数 and 城镇保障性安居工程 ↔ …建设 are
    not linked (their head nouns differ: a known limit)."""
    found = {t.code: t.restates for t in plan.targets}
    assert len(found) == len(RESTATES)
    wrong = {c: r for c, r in found.items() if r is not None and r != RESTATES[c]}
    assert wrong == {}
    missed = sorted(c for c, r in RESTATES.items() if r is not None and found[c] is None)
    assert missed == ["T2", "T30"]
