"""The 分解指标 sheet of the reporting template: download, fill in, upload back (versioned,
all-or-nothing, a Chinese message naming sheet, row and cell)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from planwatch.web.history.services import history_of, save_tracked
from planwatch.web.plans.models import MeasurableItem
from planwatch.web.reporting.models import ShareFigure, TargetShare
from planwatch.web.reporting.services import excel
from planwatch.web.reporting.services.excel import UploadRejected

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Columns of the sheet: J 本年数值, K 数据来源, L 分解编号 (hidden), M 记录版本 (hidden).
VALUE, SOURCE, ID = 10, 11, 12


def _share(item, dept, holder, baseline, target):
    return save_tracked(
        TargetShare(
            item=item,
            holder_kind="area",
            holder_name=holder,
            department=dept,
            baseline=baseline,
            target=target,
        )
    )


@pytest.fixture
def shares(open_round, departments):
    item = MeasurableItem.objects.get(plan=open_round.plan, code="T1")
    east = _share(item, departments["science"], "东区", 40, 80)
    west = _share(item, departments["env"], "西区", 60, 120)
    save_tracked(ShareFigure(share=east, year=2022, value=53))
    return east, west


def _download(client, round):
    response = client.get(f"/reporting/rounds/{round.pk}/template.xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _bytes(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _upload(client, round, wb):
    file = SimpleUploadedFile("filled.xlsx", _bytes(wb), content_type=XLSX)
    return client.post(f"/reporting/rounds/{round.pk}/upload/", {"file": file})


def test_a_share_figure_round_trips_through_the_template(open_round, users, shares, login):
    east, _west = shares
    client = login(users["reporter"])
    wb = _download(client, open_round)
    ws = wb["分解指标"]
    rows = [[c.value for c in row][:9] for row in ws.iter_rows(min_row=4)]
    assert rows == [
        ["T1", "高新技术企业数量", "东区", "县科学技术局", 40, 80, None, "2022年 53", 2023]
    ]  # only science's share; env's 西区 is not in its sheet
    ws.cell(4, VALUE).value = "61"
    ws.cell(4, SOURCE).value = "区统计年报"
    assert _upload(client, open_round, wb).status_code == 200
    figure = ShareFigure.objects.get(share=east, year=2023)
    assert (figure.value, figure.source, figure.entered_by) == (61, "区统计年报", users["reporter"])
    assert history_of(figure).count() == 1

    # downloaded again, it carries the figure and its version; a change is a new version
    wb = _download(client, open_round)
    ws = wb["分解指标"]
    assert ws.cell(4, VALUE).value == 61
    ws.cell(4, VALUE).value = 62
    assert _upload(client, open_round, wb).status_code == 200
    figure.refresh_from_db()
    assert (figure.value, figure.version) == (62, 2)

    # a template from before that change is a conflict naming the row; nothing is saved
    stale = wb
    figure.value = 63
    save_tracked(figure, user=users["coordinator"])
    stale["分解指标"].cell(4, VALUE).value = 64
    answer = _upload(client, open_round, stale)
    assert answer.status_code == 409
    assert "下载模板后这条数据已被修改" in answer.content.decode()
    assert ShareFigure.objects.get(pk=figure.pk).value == 63


def test_a_bad_cell_or_another_departments_share_refuses_the_whole_upload(
    open_round, users, shares, login
):
    _east, west = shares
    client = login(users["reporter"])
    wb = _download(client, open_round)
    ws = wb["分解指标"]
    ws.cell(4, VALUE).value = "六十"
    ws.cell(5, 1).value = "T1"  # a copied row pointed at the environment bureau's share
    ws.cell(5, 3).value = "西区"
    ws.cell(5, VALUE).value = 70
    ws.cell(5, ID).value = west.pk
    ws.cell(5, 13).value = 0
    assert _upload(client, open_round, wb).status_code == 422
    with pytest.raises(UploadRejected) as refused:
        excel.apply_upload(users["reporter"], open_round, _bytes(wb), "filled.xlsx")
    found = {(p.sheet, p.row, p.column): p.reason for p in refused.value.problems}
    assert set(found) == {("分解指标", 4, "J"), ("分解指标", 5, "J")}
    assert "六十" in found[("分解指标", 4, "J")]
    assert found[("分解指标", 5, "J")] == "“西区”由县生态环境分局填报，不是您的部门。"
    assert not ShareFigure.objects.filter(year=2023).exists()

    # a good number for its own share: the other department's row still refuses it all
    ws.cell(4, VALUE).value = 61
    assert _upload(client, open_round, wb).status_code == 422
    assert not ShareFigure.objects.filter(year=2023).exists()


def test_the_items_assessment_names_the_shares_off_course(open_round, users, shares, login):
    east, west = shares
    # T1 runs 100 → 200 家 on a geometric path; 东区 40 → 80 should be near 40 × 2^0.6 = 60.6
    # in 2023 and reports 41 (behind); 西区 60 → 120 should be near 90.9 and reports 100.
    save_tracked(ShareFigure(share=east, year=2023, value=41))
    save_tracked(ShareFigure(share=west, year=2023, value=100))
    item = MeasurableItem.objects.get(plan=open_round.plan, code="T1")
    page = login(users["coordinator"]).get(f"/dashboard/items/{item.pk}/?year=2023")
    assert page.status_code == 200
    text = page.content.decode()
    part = text[text.index('class="share-judgement"') :]
    part = part[: part.index("</dd>")]
    assert "进度滞后的分解单位" in part and "东区" in part and "西区" not in part
