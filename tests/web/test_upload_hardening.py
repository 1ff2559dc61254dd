"""Hostile uploads through the web: a 50 MB-unpacked workbook, formulas, injection strings,
zip bombs; and the template's 口径 and 确认 read as the form and the API read them."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from planwatch.reports.cells import put
from planwatch.reports.template import TemplateMeta, TemplateRow
from planwatch.web.plans.models import MeasurableItem
from planwatch.web.reporting.models import Observation
from planwatch.web.reporting.services import workflow
from tests.hostile_files import inflated_template, unpacked_size

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1+2",
    "\r=1+2",
]


def download(client, round):
    response = client.get(f"/reporting/rounds/{round.pk}/template.xlsx")
    assert response.status_code == 200
    return response.content


def upload(client, round, data: bytes, name="filled.xlsx"):
    file = SimpleUploadedFile(name, data, content_type=XLSX)
    return client.post(f"/reporting/rounds/{round.pk}/upload/", {"file": file})


def edited(data: bytes, cells: dict[tuple[str, int], object]) -> bytes:
    """The workbook with cells set: {(item code, column): value}. Text is put as a text cell,
    as Excel stores what a person types after an apostrophe ('=HYPERLINK…)."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    rows = {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value}
    for (code, column), value in cells.items():
        put(ws, rows[code], column, value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _status_kb(field: str) -> int:
    line = next(
        x for x in Path("/proc/self/status").read_text().splitlines() if x.startswith(field)
    )
    return int(line.split()[1])


def test_a_workbook_unpacking_to_50_mb_is_refused_fast_in_chinese_with_little_memory(
    open_round, users, login
):
    client = login(users["reporter"])
    meta = TemplateMeta(str(open_round.plan_id), "县科学技术局", open_round.name)
    row = TemplateRow("T1", 2023, 130.0, "高新技术企业数量", "家", record_version=0)
    data = inflated_template(meta, row, 420_000)
    assert unpacked_size(data) > 50_000_000 and len(data) < 6_000_000

    started = time.perf_counter()
    response = upload(client, open_round, data, name="big.xlsx")
    elapsed = time.perf_counter() - started
    assert response.status_code == 422
    page = response.content.decode()
    assert "文件 big.xlsx" in page and "超过 5000 行的上限" in page
    assert elapsed < 5, f"{elapsed:.1f} s"

    # The process's peak resident size (Linux: reset, then read back), so memory held by C
    # code (the XML parser, zlib) counts too; Python's own allocations by tracemalloc besides.
    Path("/proc/self/clear_refs").write_text("5")
    before = _status_kb("VmRSS")
    tracemalloc.start()
    try:
        again = upload(client, open_round, data, name="big.xlsx")
        traced = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    grown = (_status_kb("VmHWM") - before) * 1024
    assert again.status_code == 422
    assert grown < 200 * 1024 * 1024, f"{grown / 1048576:.0f} MB"
    assert traced < 200 * 1024 * 1024, f"{traced / 1048576:.0f} MB"
    assert not Observation.objects.exists()


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_source_and_note_are_stored_as_typed_and_the_download_uploads_unchanged(
    open_round, users, login, hostile
):
    client = login(users["reporter"])
    filled = edited(download(client, open_round), {("T1", 5): 130, ("T1", 6): hostile,
                                                   ("T1", 7): hostile})  # fmt: skip
    assert upload(client, open_round, filled).status_code == 200
    stored = Observation.objects.get(item__code="T1")
    assert (stored.source, stored.note) == (hostile, hostile)

    fresh = download(client, open_round)
    ws = load_workbook(io.BytesIO(fresh)).active
    cells = [c for row in ws.iter_rows() for c in row if c.value == hostile]
    assert len(cells) == 2 and all(c.data_type == "s" for c in cells)
    response = upload(client, open_round, fresh)
    assert response.status_code == 200
    assert "未变 1 条" in response.content.decode()
    assert Observation.objects.get(item__code="T1").version == stored.version


def test_a_formula_is_refused_at_its_sheet_and_cell_and_nothing_is_saved(open_round, users, login):
    client = login(users["reporter"])
    wb = load_workbook(io.BytesIO(download(client, open_round)))
    ws = wb.active
    ws["E4"], ws["E5"], ws["F5"] = "=60+1.5", 130, "=A1"  # formulas, as Excel stores them
    out = io.BytesIO()
    wb.save(out)
    filled = out.getvalue()
    response = upload(client, open_round, filled)
    assert response.status_code == 422
    places = {(p.sheet, p.row, p.column) for p in response.context["problems"]}
    assert places == {("县科学技术局", 4, "E"), ("县科学技术局", 5, "F")}
    assert "公式“=60+1.5”" in response.content.decode()
    assert not Observation.objects.exists()


def _last_year(round, users, value=100):
    item = MeasurableItem.objects.get(plan=round.plan, code="T1")
    return workflow.record_observation(users["reporter"], round, item, value=value, year=2022)


def test_the_template_carries_basis_and_a_jump_needs_its_confirmation(open_round, users, login):
    _last_year(open_round, users)  # 100 家 in 2022
    client = login(users["reporter"])
    blank = download(client, open_round)
    ws = load_workbook(io.BytesIO(blank)).active
    assert [ws.cell(3, c).value for c in (9, 10)] == ["口径", "确认"]
    assert {ws.cell(r, 9).value for r in range(4, ws.max_row + 1)} == {"当年"}

    asked = upload(client, open_round, edited(blank, {("T1", 5): 400}))
    assert asked.status_code == 422
    (problem,) = asked.context["problems"]
    assert (
        "较2022年的100家变化异常" in problem.reason and "“确认”列（J 列）填“是”" in problem.reason
    )
    assert not Observation.objects.filter(year=2023).exists()

    confirmed = edited(blank, {("T1", 5): 400, ("T1", 10): "是", ("I2", 5): 61.5,
                               ("I2", 9): "累计"})  # fmt: skip
    assert upload(client, open_round, confirmed).status_code == 200
    t1 = Observation.objects.get(item__code="T1", year=2023)
    assert t1.value == 400 and "变化异常" in t1.plausibility_flag and t1.basis == "annual"
    assert Observation.objects.get(item__code="I2").basis == "cumulative"

    again = load_workbook(io.BytesIO(download(client, open_round))).active
    basis = {again.cell(r, 1).value: again.cell(r, 9).value for r in range(4, again.max_row + 1)}
    assert basis == {"I2": "累计", "T1": "当年"}


def test_a_format_2_template_without_the_new_columns_still_uploads(open_round, users, login):
    client = login(users["reporter"])
    wb = load_workbook(io.BytesIO(download(client, open_round)))
    ws = wb.active
    ws["B1"] = 2
    ws.delete_cols(9, 2)
    rows = {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value}
    ws.cell(rows["T1"], 5).value = 130
    out = io.BytesIO()
    wb.save(out)
    assert upload(client, open_round, out.getvalue()).status_code == 200
    assert Observation.objects.get(item__code="T1").basis == "annual"


def _docx_bomb(size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/image1.png", b"\0" * size)
    return out.getvalue()


def test_an_office_file_unpacking_past_the_limit_is_refused_as_evidence_and_outline(
    users, login, settings
):
    from planwatch.limits import Limits
    from planwatch.web.core.uploads import EVIDENCE_KINDS, OUTLINE_KINDS, read_upload

    settings.UPLOAD_LIMITS = Limits(unpacked_bytes=1_000_000)
    data = _docx_bomb(5_000_000)
    from django.core.exceptions import ValidationError

    for kinds in (EVIDENCE_KINDS, OUTLINE_KINDS):
        with pytest.raises(ValidationError) as caught:
            read_upload(SimpleUploadedFile("bomb.docx", data), kinds)
        (message,) = caught.value.messages
        assert "文件 bomb.docx" in message and "解压后超过 0.953674 MB 的上限" in message
    small = _docx_bomb(100_000)
    assert read_upload(SimpleUploadedFile("ok.docx", small), EVIDENCE_KINDS)[1].code == "docx"
