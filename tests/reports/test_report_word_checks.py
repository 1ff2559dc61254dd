"""Reports cite a target in words a row has beside its number (12th outline note ④ on the income
rows) as printed in the indicator table, and the comparison in the item's sentence. Figures as in
tests/assess/test_word_beside.py: 城镇 7.78% a year against GDP 8.90% → 滞后于预期."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from planwatch.assess import assess_plan
from planwatch.assess.model import Observation
from planwatch.outline import parse_outline
from planwatch.reports import report_bytes

OUTLINE = Path(__file__).resolve().parents[1] / "fixtures/outlines/national-12th-main-objectives.md"
NOTE = "城乡居民收入增长按照不低于国内生产总值增长预期目标确定"


def _inputs():
    plan = parse_outline(OUTLINE)
    figures = {"I1": (43.8, 47.2), "I20": (20500, 22200), "I21": (6400, 7000)}
    obs = [
        Observation(code, year, value)
        for code, values in figures.items()
        for year, value in zip((2011, 2012), values, strict=True)
    ]
    return plan, assess_plan(plan, obs, 2012)


def test_the_word_report_cites_the_note_in_the_table_and_the_sentence():
    plan, result = _inputs()
    doc = Document(io.BytesIO(report_bytes("midterm", plan, result, "docx")))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    row = next(c for c in cells if NOTE in c)
    assert (
        row.startswith("26810以上（年均增长>7）；“城乡")
        and "；“在实施中要努力实现和经济发展同步”" in row
    )
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"文字目标：目标为“{NOTE}”，2011—2012年年均增长7.8%，低于同期国内生产总值" in text


def test_the_workbook_says_the_comparison_in_the_items_sentence():
    plan, result = _inputs()
    wb = load_workbook(io.BytesIO(report_bytes("midterm", plan, result, "xlsx")))
    ws = wb.worksheets[0]
    sentences = [r[-1] for r in ws.iter_rows(values_only=True) if r and r[0] == "I21"]
    assert len(sentences) == 1
    assert f"文字目标：目标为“{NOTE}”" in sentences[0]
    assert "相差0.15个百分点（基本同步的幅度为±0.5个百分点），基本符合预期" in sentences[0]
