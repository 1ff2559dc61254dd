"""The 12th national outline's indicator table, printed as an image (专栏2), read by OCR from the
Markdown that links it, against gold typed by hand from the image (``gold_ocr.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.outline import Plan, parse_outline
from planwatch.outline.ocr import LOW_CONFIDENCE, available, crop

from .gold_ocr import TABLE_12TH, TITLE_12TH

FIXTURE = Path(__file__).parent.parent / "fixtures" / "outlines" / "ocr"
OUTLINE = FIXTURE / "national-12th-chapter3.md"
IMAGE = FIXTURE / "images" / "W020251017106711514438_ORIGIN.jpg"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not available(), reason="apt-get install tesseract-ocr tesseract-ocr-chi-sim"
    ),
]

FIELDS = ("category", "name", "unit", "baseline", "target", "rate", "attribute")
#: Which OCR cells each compared field comes from (a unit is read inside the name cell).
SOURCES = {"rate": ("growth", "cumulative"), "unit": ("unit", "name")}


@pytest.fixture(scope="module")
def plan():
    return parse_outline(OUTLINE)


def read_back(indicator) -> tuple:
    rate = None
    if indicator.annual_growth:
        g = indicator.annual_growth
        rate = ("growth", g.comparator, g.value)
    if indicator.cumulative_change:
        c = indicator.cumulative_change
        rate = ("cumulative", c.comparator, c.value)
    target = None
    if indicator.target:
        printed = (indicator.target.text or "")[:1] in "<>≤≥＜＞"
        target = (indicator.target.comparator if printed else None, indicator.target.value)
    baseline = indicator.baseline.value if indicator.baseline else None
    return (indicator.category, indicator.name, indicator.unit, baseline, target, rate,
            indicator.attribute)  # fmt: skip


def compare(plan) -> list[tuple[int, str, object, object, bool]]:
    """Every gold cell: (row, field, gold, read, whether a cell it came from is flagged low)."""
    out = []
    for k, gold in enumerate(TABLE_12TH):
        indicator = plan.indicators[k] if k < len(plan.indicators) else None
        got = read_back(indicator) if indicator else (None,) * len(FIELDS)
        cells = {c.field: c for c in indicator.ocr_cells} if indicator else {}
        for field, expected, value in zip(FIELDS, gold, got, strict=True):
            flagged = any(cells[s].low for s in SOURCES.get(field, (field,)) if s in cells)
            out.append((k + 1, field, expected, value, flagged))
    return out


def test_every_row_of_the_table_is_an_indicator(plan):
    assert len(plan.indicators) == len(TABLE_12TH)
    assert (plan.base_year, plan.target_year) == (2010, 2015)


def test_at_least_90_percent_of_cells_are_right(plan):
    cells = compare(plan)
    wrong = [c for c in cells if c[2] != c[3]]
    assert len(wrong) <= 0.10 * len(cells), wrong


def test_every_wrong_cell_is_flagged_for_checking(plan):
    unflagged = [c for c in compare(plan) if c[2] != c[3] and not c[4]]
    assert unflagged == []


def test_low_confidence_cells_are_in_the_reading_report(plan):
    low = [(i.code, c.field) for i in plan.indicators for c in i.ocr_cells if c.low]
    reported = [tuple(w.location) for w in plan.warnings if w.code == "outline.ocr_low_confidence"]
    assert low and reported == low
    for indicator in plan.indicators:
        for cell in indicator.ocr_cells:
            assert cell.low == (cell.confidence < LOW_CONFIDENCE) or cell.low
    warning = next(w for w in plan.warnings if w.code == "outline.ocr_low_confidence")
    assert "请对照原图核对" in warning.zh and "check it against the image" in warning.en


def test_sub_rows_and_merged_cells(plan):
    forest = plan.indicators[18]  # 森林增长 over 森林覆盖率 and 森林蓄积量
    assert forest.name.startswith("森林增长（森林")
    assert (forest.unit, forest.baseline.value, forest.target.value) == ("亿立方米", 137, 143)
    pollutants = plan.indicators[13:17]  # 主要污染物排放总量减少 over four sub-rows
    assert all(i.name.startswith("主要污染物排放总量减少（") for i in pollutants)
    assert {i.unit for i in pollutants} == {"%"}
    assert {i.attribute for i in pollutants} == {"binding"}  # one merged 约束性 cell
    assert {i.category for i in plan.indicators} == {"经济发展", "科技教育", "资源环境", "人民生活"}


def test_the_image_is_no_longer_reported_as_unread(plan):
    assert not [w for w in plan.warnings if w.code == "outline.image_table"]
    box = next(b for b in plan.boxes if b.title.startswith("专栏2"))
    assert not box.image
    assert box.title.replace(" ", "").startswith(TITLE_12TH[:4])


def test_cell_boxes_point_into_the_image(plan):
    from io import BytesIO

    from PIL import Image

    data = IMAGE.read_bytes()
    width, height = Image.open(BytesIO(data)).size
    gdp = plan.indicators[0]
    assert gdp.source == "images/W020251017106711514438_ORIGIN.jpg"
    baseline = next(c for c in gdp.ocr_cells if c.field == "baseline")
    left, top, right, bottom = baseline.box
    assert 0 <= left < right <= width and 0 <= top < bottom <= height
    piece = Image.open(BytesIO(crop(data, baseline.box)))
    assert piece.size == (right - left, bottom - top)


def test_the_readings_survive_the_json_form(plan):
    again = Plan.from_dict(json.loads(json.dumps(plan.to_dict(), ensure_ascii=False)))
    assert again.indicators[0].ocr_cells == plan.indicators[0].ocr_cells
    assert again.to_dict() == plan.to_dict()
