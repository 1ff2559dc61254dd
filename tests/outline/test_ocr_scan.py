"""The bundled outline printed, scanned to pictures only and read back by OCR, against the gold
typed by hand from its text (``gold.py``): structure and indicator cells.

Building the scan (LibreOffice, pdftoppm) and reading it (Tesseract, 38 pages) take two to
seven minutes on the shared two-core machine; both happen once per test session.

Measured: 115 of 119 headings (97 %) and 181 of 189 indicator cells (96 %) read right; the
issue asks for 95 % of both. Structure meets it by smoothing bilevel text before it is read and
agreeing headings with their contents entries; indicator cells by reading category cells
against the usual category names (the model reads 祉 as 社 every time: 民生福祉 over seven rows)
and a unit ``(5)`` as ``(%)``. The eight cells still wrong are single misread characters in
names (千 as 二, 良 as 民, 覆 as 黎), two figures and a direction that follows a misread name.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from planwatch.outline import parse_outline
from planwatch.outline.ocr import ocr_settings

from . import gold, scans

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(scans.missing_tools() is not None, reason=str(scans.missing_tools())),
]


@pytest.fixture(scope="session")
def scanned(tmp_path_factory, sample_text):
    printed, scan = scans.build_scan(sample_text, tmp_path_factory.mktemp("scan"))
    progress: list[tuple[int, int]] = []
    with ocr_settings(progress=lambda done, total: progress.append((done, total))):
        plan = parse_outline(scan)
    return printed, scan, plan, progress


def same(a, b) -> bool:
    """Equal up to the width of punctuation (OCR reads ``,`` for ``，`` and back)."""
    return fold(a) == fold(b)


def fold(value):
    if isinstance(value, str):
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))
    return value


def structure_score(plan) -> tuple[int, int, list]:
    expected = [("chapter", n, t) for n, t in gold.CHAPTERS]
    for number, sections in gold.SECTIONS.items():
        for section, title, subsections in sections:
            expected.append(("section", f"{number}{section}", title))
            for k, sub in enumerate(subsections):
                expected.append(("subsection", f"{number}{section}{k}", sub))
    found = {}
    for chapter in plan.chapters:
        found[("chapter", chapter.number)] = chapter.title
        for section in chapter.sections:
            found[("section", f"{chapter.number}{section.number}")] = section.title
            for k, sub in enumerate(section.subsections):
                found[("subsection", f"{chapter.number}{section.number}{k}")] = sub.title
    wrong = [(e, found.get(e[:2])) for e in expected if not same(found.get(e[:2]), e[2])]
    return len(expected) - len(wrong), len(expected), wrong


def indicator_score(plan) -> tuple[int, int, list]:
    right, total, wrong = 0, 0, []
    by_number = {i.number: i for i in plan.indicators}
    for row in gold.INDICATORS:
        number, name, unit, category, base, target, growth, cumulative, attribute, direction = row
        ind = by_number.get(number)
        got = (None,) * 9 if ind is None else (
            ind.name, ind.unit, ind.category,
            ind.baseline.value if ind.baseline else None,
            (ind.target.value, ind.target.comparator) if ind.target else None,
            ind.annual_growth.value if ind.annual_growth else None,
            ind.cumulative_change.value if ind.cumulative_change else None,
            ind.attribute, ind.direction,
        )  # fmt: skip
        expected = (
            name, unit, category, base, target[:2] if target else None,
            growth[0] if growth else None, cumulative[0] if cumulative else None,
            attribute, direction,
        )  # fmt: skip
        for k, (a, b) in enumerate(zip(expected, got, strict=True)):
            total += 1
            if same(a, b):
                right += 1
            else:
                wrong.append((number, k, a, b))
    return right, total, wrong


def test_structure_is_read_back_from_the_scan(scanned):
    right, total, wrong = structure_score(scanned[2])
    assert right / total >= 0.95, wrong
    assert [c.number for c in scanned[2].chapters] == [n for n, _ in gold.CHAPTERS]


def test_indicator_cells_are_read_back_from_the_scan(scanned):
    right, total, wrong = indicator_score(scanned[2])
    assert right / total >= 0.95, (right, total, wrong)
    assert len(scanned[2].indicators) == len(gold.INDICATORS)


def test_every_chapter_carries_the_page_it_starts_on(scanned):
    from pypdf import PdfReader

    printed, _, plan, _ = scanned
    text = [fold(page.extract_text()) for page in PdfReader(printed).pages]
    for chapter, (number, title) in zip(plan.chapters, gold.CHAPTERS, strict=True):
        heading = fold(number + title[:8])
        where = [k + 1 for k, page in enumerate(text) if heading in page]
        assert chapter.page == where[-1], (number, chapter.page, where)  # the body, not contents
    pages = [t.page for _, t in plan.iter_tasks() if t.page is not None]
    assert len(pages) >= 0.95 * sum(1 for _ in plan.iter_tasks())
    assert pages == sorted(pages) and pages[0] >= 7 and pages[-1] <= 38


def test_progress_is_reported_page_by_page(scanned):
    *_, progress = scanned
    total = progress[-1][1]
    assert total == 38 or total > 20
    assert [done for done, _ in progress] == list(range(total + 1))


def test_indicator_table_cells_keep_their_readings(scanned):
    plan = scanned[2]
    first = plan.indicators[0]
    fields = {cell.field for cell in first.ocr_cells}
    assert {"name", "baseline", "attribute"} <= fields
    assert first.page is not None and first.source
    for cell in first.ocr_cells:
        assert 0 <= cell.confidence <= 1 and len(cell.box) == 4
