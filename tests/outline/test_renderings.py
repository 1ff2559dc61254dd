"""The sample outline as people get it from the web — a Markdown conversion and a page saved
from a government site — scored against the gold typed by hand from its text (gold.py), not
against the reader's own reading of the plain text."""

import pytest

from planwatch.outline import parse_outline_bytes

from . import builders, gold, scoring

RENDERINGS = {
    "markdown": (builders.build_markdown, "outline.md"),
    "gov_html": (builders.build_gov_html, "outline.html"),
}


@pytest.fixture(scope="module", params=sorted(RENDERINGS))
def rendered(request, sample_text):
    build, name = RENDERINGS[request.param]
    return parse_outline_bytes(build(sample_text).encode("utf-8"), name)


def test_structure_as_printed(rendered):
    found = scoring.structure(rendered)
    assert found["chapters"] == gold.CHAPTERS
    assert found["sections"] == gold.SECTIONS


def test_every_indicator_row(rendered):
    assert [scoring.indicator_row(i) for i in rendered.indicators] == gold.INDICATORS


def test_prose_targets_recall_and_precision(rendered):
    found, wanted, correct = scoring.scores(rendered)["targets"]
    assert correct == wanted == len(gold.TARGETS)
    assert found == wanted  # nothing beyond the gold


def test_the_tables_note_is_kept_and_nothing_to_warn_about(rendered):
    assert rendered.indicator_notes == ["单位地区生产总值能源消耗降低(%)。"]
    assert rendered.warnings == []


def test_gov_page_contents_and_decoration_leave_no_trace(sample_text):
    """The <details> contents add no chapter; captionless and header/footer images no warning;
    the two-row header gives the 2025 target and the growth column."""
    page = builders.build_gov_html(sample_text)
    assert "<details>" in page and 'rowspan="2"' in page and "<strong>经济发展</strong>" in page
    plan = parse_outline_bytes(page.encode(), "page.html")
    assert len(plan.chapters) == 9 and plan.target_year == 2025
    assert all("...." not in c.text for c in plan.chapters)
