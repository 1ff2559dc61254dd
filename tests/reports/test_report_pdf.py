"""The Word draft as LibreOffice lays it out: pages, title in the text layer, 22 lines a page.

Converting with LibreOffice is the closest a test gets to the printed page. It needs ``soffice``
(Debian package libreoffice-writer-nogui, installed by ``./dev.sh setup``); without it these tests
are skipped, saying so.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from docx import Document
from pypdf import PdfReader
from report_samples import PLAN_TITLE, make_assessment, make_extras, make_plan

from planwatch.reports import gbt9704, write_report

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        SOFFICE is None,
        reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
    ),
]
MM = 72 / 25.4  # PDF points per millimetre


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, PdfReader]:
    """The mid-term report and a page of plain running text, converted in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("pdf")
    report = folder / "midterm.docx"
    write_report("midterm", make_plan(), make_assessment(), report, extra=make_extras())
    running = folder / "running.docx"
    doc = Document()
    gbt9704.apply_layout(doc)
    for n in range(60):  # one line each, so that widow control moves nothing
        p = doc.add_paragraph(style=gbt9704.BODY)
        gbt9704.add_run(p, f"第{n + 1}行。规划实施情况监测评估正文。")
    doc.save(str(running))
    plain = folder / "plain.docx"
    doc = Document()
    gbt9704.apply_layout(doc)
    for _ in range(3):  # 100 characters: a first line of 26 (indent 2), then 28, 28, 18
        p = doc.add_paragraph(style=gbt9704.BODY)
        gbt9704.add_run(p, "规划实施情况监测评估正文内容" * 7 + "评估")
    doc.save(str(plain))

    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(report),
            str(running),
            str(plain),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return {name: PdfReader(folder / f"{name}.pdf") for name in ("midterm", "running", "plain")}


def lines(page) -> list[str]:
    return [line for line in page.extract_text().split("\n") if line.strip()]


def test_the_report_runs_to_a_plausible_number_of_pages(pdfs):
    # two charts, two tables, six sections and a one-page appendix
    assert 6 <= len(pdfs["midterm"].pages) <= 14


def test_the_title_is_in_the_text_layer_of_the_first_page(pdfs):
    first = re.sub(r"\s+", "", pdfs["midterm"].pages[0].extract_text())
    assert first.startswith(f"《{PLAN_TITLE}》实施中期评估报告")


def test_the_title_breaks_between_words_where_the_draft_cut_it(pdfs):
    shown = [line.replace(" ", "") for line in lines(pdfs["midterm"].pages[0])[:2]]
    assert shown == ["《示例高新区国民经济和社会发展", "第十四个五年规划纲要》实施中期评估报告"]


def test_a_plain_page_holds_28_characters_a_line(pdfs):
    widths = [len(line.replace(" ", "")) for line in lines(pdfs["plain"].pages[0])[:-1]]
    assert widths == [26, 28, 28, 18] * 3


def test_pages_are_a4(pdfs):
    box = pdfs["midterm"].pages[0].mediabox
    assert abs(float(box.width) / MM - 210) < 0.5 and abs(float(box.height) / MM - 297) < 0.5


def test_a_page_of_running_text_holds_22_lines_and_its_number(pdfs):
    page = lines(pdfs["running"].pages[1])
    assert page[-1] == "— 2 —"
    assert len(page) - 1 == 22
    assert page[0].replace(" ", "").startswith("第23行")


def test_page_numbers_sit_one_character_in_from_the_outer_edge(pdfs):
    reader = pdfs["midterm"]
    width = float(reader.pages[0].mediabox.width)
    for index in (0, 1, 2):
        spans: list[float] = []

        def collect(text, cm, tm, font, size, spans=spans):
            if text.strip() == "—":
                spans.append(tm[4])

        reader.pages[index].extract_text(visitor_text=collect)
        assert len(spans) == 2, spans
        if index % 2 == 0:  # odd page (1, 3): right side, 1 character (14 pt) from the margin
            right_edge = width - gbt9704.RIGHT_MM * MM - 14
            assert min(spans) > width / 2 and max(spans) < right_edge
        else:  # even page: left side, one character in from the left margin
            assert abs(min(spans) - (gbt9704.LEFT_MM * MM + 14)) < 2
    assert lines(reader.pages[0])[-1] == "— 1 —"
