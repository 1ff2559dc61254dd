"""Report downloads in the web system: who may, what the files hold, what never gets in.

The figures, progress and project are entered in conftest.py through the workflow services;
every expected string below is written by hand from those entries and the county plan.
"""

from __future__ import annotations

import io
import tempfile
from urllib.parse import quote

import pytest
from docx import Document
from openpyxl import load_workbook

from planwatch.reports import template as tpl
from planwatch.web.reporting.services import excel

from .conftest import APPROVED_PROGRESS, SUPPORT_PROGRESS, UNAPPROVED, UNAPPROVED_PROGRESS

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLE = "示例县国民经济和社会发展第十四个五年规划纲要"
DOWNLOADS = (("annual", "docx", DOCX), ("midterm", "docx", DOCX), ("annual", "xlsx", XLSX))


def url(plan, kind="annual", ext="docx", year=2023):
    query = f"?year={year}" if year is not None else ""
    return f"/evaluation/plans/{plan.pk}/reports/{kind}.{ext}{query}"


def title_of(content: bytes) -> str:
    """The report's title as one line: GB/T 9704 breaks it over lines between words."""
    doc = Document(io.BytesIO(content))
    lines = []
    for p in doc.paragraphs:
        if p.text.startswith(("为", "按照")):  # the opening paragraph follows the title
            break
        lines.append(p.text)
    return "".join(lines).replace("\n", "")


def docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def table_row(content: bytes, name: str) -> list[str]:
    """The cells of the first table row naming ``name`` (alone or with its unit: "名称（%）")."""
    doc = Document(io.BytesIO(content))
    for table in doc.tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            if any(c == name or c.startswith(f"{name}（") for c in cells):
                return cells
    raise AssertionError(f"no table row for {name}")


# -- who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind, ext, content_type", DOWNLOADS)
@pytest.mark.parametrize(
    "username, allowed",
    [
        ("admin", True),
        ("coordinator", True),
        ("leader", True),
        ("evaluator", True),
        ("reporter", False),
        ("other_reporter", False),
    ],
)
def test_permission_matrix(reported, users, login, username, allowed, kind, ext, content_type):
    response = login(users[username]).get(url(reported.plan, kind, ext))
    if allowed:
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response.content[:2] == b"PK"  # a zip package: .docx and .xlsx alike
    else:
        assert response.status_code == 403
        assert response.content[:2] != b"PK"


@pytest.mark.parametrize("path", ["annual.docx", "midterm.docx", "annual.xlsx", ""])
def test_the_public_is_sent_to_the_login_page(reported, client, path):
    plan = reported.plan
    plan.is_published = True  # even a published plan's reports are not public
    plan.save()
    response = client.get(f"/evaluation/plans/{plan.pk}/reports/{path}?year=2023")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_plan_not_yet_confirmed_does_not_exist_for_a_leader(reported, users, login):
    plan = reported.plan
    plan.confirmed_at = None
    plan.save()
    assert login(users["leader"]).get(url(plan)).status_code == 404
    assert login(users["coordinator"]).get(url(plan)).status_code == 200


# -- the Word draft ---------------------------------------------------------------------------


def test_annual_report_holds_the_approved_figures_progress_and_project(reported, users, login):
    response = login(users["coordinator"]).get(url(reported.plan))
    text = docx_text(response.content)
    assert title_of(response.content) == f"《{TITLE}》2023年实施情况监测报告"
    # 表1: I2 urbanisation 60 (2020) → 61.2 approved for 2022, target ≥ 65.
    i2 = table_row(response.content, "常住人口城镇化率")
    assert "60" in i2 and any("61.2" in c and "2022" in c for c in i2)
    # I1 has only a submitted figure: it is missing, and listed under the risks.
    i1 = table_row(response.content, "地区生产总值增长速度")
    assert "数据暂缺" in i1
    risks = text[text.index("四、存在的问题") : text.index("五、下一步工作建议")]
    assert "地区生产总值增长速度" in risks and "暂无监测数据" in risks
    # The prose target T1 with its approved figure of 2023 and its source in the appendix.
    assert "150" in "".join(table_row(response.content, "高新技术企业数量"))
    appendix = text[text.index("数据来源") :]
    assert "县统计局统计年鉴2022" in appendix and "县科学技术局台账" in appendix
    # Task M1: its approved progress with lead and supporting departments; the key project.
    # Each department's latest approved word, the lead department's first: science 60 % in
    # 2023, environment 30 % in 2022 (still its latest) → mean 45 %.
    assert "壮大高新技术企业（县科学技术局牵头）：" in text
    assert f"县科学技术局：{APPROVED_PROGRESS}；县生态环境分局：{SUPPORT_PROGRESS}" in text
    assert "重大项目“高新区科创中心”，总投资12.5亿元" in text
    assert "形象进度40%" in text
    # Signed by the coordinating department.
    assert "县发展和改革局" in text


def test_progress_approved_after_the_year_does_not_count(reported, users, login):
    content = login(users["leader"]).get(url(reported.plan, year=2022)).content
    text = docx_text(content)
    assert title_of(content) == f"《{TITLE}》2022年实施情况监测报告"
    # only the supporting department had approved words by 2022: they carry its name
    assert f"（县科学技术局牵头）：县生态环境分局：{SUPPORT_PROGRESS}。" in text
    assert APPROVED_PROGRESS not in text
    assert "150" not in "".join(table_row(content, "高新技术企业数量"))  # T1's 2023 figure


def test_midterm_report_is_its_own_kind(reported, users, login):
    response = login(users["evaluator"]).get(url(reported.plan, "midterm"))
    text = docx_text(response.content)
    assert title_of(response.content) == f"《{TITLE}》实施中期评估报告"
    assert "时间过半" in text


def test_figures_and_progress_not_approved_never_appear(reported, users, login):
    client = login(users["admin"])
    word = docx_text(client.get(url(reported.plan)).content)
    word += docx_text(client.get(url(reported.plan, "midterm")).content)
    workbook = load_workbook(io.BytesIO(client.get(url(reported.plan, ext="xlsx")).content))
    cells = [str(c.value) for ws in workbook for row in ws.iter_rows() for c in row if c.value]
    for _code, value, _state in UNAPPROVED:
        assert str(value) not in word
        assert not any(str(value) in c for c in cells)
    assert UNAPPROVED_PROGRESS not in word
    # The approved ones are there, so the search above looked in the right places.
    assert "61.2" in word and any(c == "61.2" for c in cells)


# -- the workbook -----------------------------------------------------------------------------


def test_workbook_templates_go_back_through_the_upload(reported, users, login):
    coordinator = users["coordinator"]
    round = reported.rounds[2023]
    content = login(coordinator).get(url(reported.plan, ext="xlsx")).content
    wb = load_workbook(io.BytesIO(content))
    assert wb.sheetnames[:2] == ["指标监测表", "任务分工表"]
    # One template per lead department (conftest of tests/web): econ I1, science I2 T1, env I3.
    templates = {ws.title: ws for ws in wb if ws.cell(1, 1).value == tpl.MARKER}
    assert set(templates) == {"县发展和改革局", "县科学技术局", "县生态环境分局"}
    science = templates["县科学技术局"]
    assert science.cell(1, 3).value == str(reported.plan.pk)
    assert science.cell(1, 5).value == "2023年度"
    rows = {science.cell(r, 1).value: r for r in range(4, science.max_row + 1)}
    assert set(rows) == {"I2", "T1"}
    t1, i2 = reported.figure("T1", 2023), reported.figure("I2", 2023)
    # Approved T1 is pre-filled with its version; the draft I2 is blank but keeps its version.
    assert science.cell(rows["T1"], 5).value == 150
    assert science.cell(rows["T1"], 8).value == t1.version
    assert science.cell(rows["I2"], 5).value is None
    assert science.cell(rows["I2"], 8).value == i2.version
    # The division of labour names the departments.
    division = [[c.value for c in row] for row in wb["任务分工表"].iter_rows(min_row=4)]
    by_code = {r[0]: r for r in division}
    assert by_code["M1"][1] == "任务" and by_code["M1"][4:6] == ["县科学技术局", "县生态环境分局"]
    assert by_code["I2"][4:6] == ["县科学技术局", "县生态环境分局"]

    env = templates["县生态环境分局"]
    env.cell(4, 5).value = 1.5  # I3, 2023
    science.cell(rows["I2"], 5).value = 63.0  # over the draft, from the version it carries
    buffer = io.BytesIO()
    wb.save(buffer)
    result = excel.apply_upload(coordinator, round, buffer.getvalue())
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    assert reported.figure("I3", 2023).value == 1.5
    assert reported.figure("I2", 2023).value == 63.0
    assert reported.figure("T1", 2023).value == 150.0


def test_workbook_monitoring_sheet_has_the_approved_series(reported, users, login):
    content = login(users["leader"]).get(url(reported.plan, ext="xlsx")).content
    ws = load_workbook(io.BytesIO(content))["指标监测表"]
    header = [c.value for c in ws[3]]
    i2 = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == "I2")
    assert i2[header.index("2022年")] == 61.2
    assert i2[header.index("2023年")] is None  # the 2023 figure is a draft


# -- files, pages, errors ---------------------------------------------------------------------


def test_filename_is_chinese_with_an_ascii_fallback(reported, users, login):
    response = login(users["coordinator"]).get(url(reported.plan, "midterm"))
    disposition = response["Content-Disposition"]
    name = f"{TITLE}中期评估报告（2023年）.docx"
    assert disposition.startswith("attachment; filename=")
    assert f"filename*=UTF-8''{quote(name)}" in disposition
    assert f'filename="planwatch-plan{reported.plan.pk}-midterm-2023.docx"' in disposition
    assert "no-store" in response["Cache-Control"]


def test_nothing_is_left_in_the_temporary_folder(reported, users, login, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    client = login(users["coordinator"])
    assert client.get(url(reported.plan)).status_code == 200
    assert client.get(url(reported.plan, ext="xlsx")).status_code == 200
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "year, status, message",
    [
        (2019, 400, "不在规划期 2021–2025 年内"),
        (2026, 400, "不在规划期 2021–2025 年内"),
        ("20x3", 400, "年份应为四位数字"),
        (2021, 409, "还没有已审核的指标数据"),
    ],
)
def test_errors_are_a_friendly_page(reported, users, login, year, status, message):
    response = login(users["coordinator"]).get(url(reported.plan, year=year))
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert message in page
    assert "Traceback" not in page
    # The page offers working links again: a year inside the period, never the refused one.
    shown = 2021 if year == 2021 else 2023  # the latest year with an approved figure
    assert f'<option value="{shown}" selected>' in page
    assert url(reported.plan, year=shown) in page
    if year != 2021:
        assert f'href="{url(reported.plan, year=year)}"' not in page


def test_an_unknown_kind_is_a_friendly_404(reported, users, login):
    response = login(users["coordinator"]).get(url(reported.plan, "weekly", "pdf"))
    assert response.status_code == 404
    assert "没有这种报告" in response.content.decode()


def test_the_downloads_page_lists_the_three_files(reported, users, login):
    client = login(users["evaluator"])
    page = client.get(f"/evaluation/plans/{reported.plan.pk}/reports/?year=2023").content.decode()
    for kind, ext, _type in DOWNLOADS:
        assert url(reported.plan, kind, ext) in page.replace("&amp;", "&")
    assert "2023年度" in page  # the round whose templates the workbook carries
    assert "数据暂缺" in page


def test_plan_and_round_pages_link_to_the_downloads(reported, users, login):
    plan, round = reported.plan, reported.rounds[2023]
    link = f"/evaluation/plans/{plan.pk}/reports/"
    coordinator = login(users["coordinator"])
    assert link in coordinator.get(f"/plans/{plan.pk}/").content.decode()
    assert link in coordinator.get(f"/reporting/rounds/{round.pk}/").content.decode()
    reporter = login(users["reporter"])
    assert link not in reporter.get(f"/plans/{plan.pk}/").content.decode()
    assert link not in reporter.get(f"/reporting/rounds/{round.pk}/").content.decode()
