"""Task progress in bulk through the Excel template, in the browser: download, fill the
任务进展 sheet with openpyxl, upload, and the round page shows the reports; then the reviewer
selects all and returns them with one comment each."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from planwatch.web.reporting.models import TaskProgress

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHEET = "任务进展-县科学技术局"


def test_task_progress_round_trips_through_excel_in_the_browser(
    open_round, visitors, users, tmp_path
):
    reporter = visitors()
    page = reporter.login("reporter")
    page = reporter.open(f"/reporting/rounds/{open_round.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载 Excel 填报模板").click()
    saved = download.value
    assert saved.suggested_filename == "2023年度-县科学技术局-填报模板.xlsx"
    blank = tmp_path / "template.xlsx"
    saved.save_as(blank)
    wb = load_workbook(blank)
    ws = wb[SHEET]
    rows = {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1)}
    for code, percent, state in (("M1", 35, "推进中"), ("M2", 100, "已完成")):
        ws.cell(rows[code], 3).value = f"{code} 按计划推进"
        ws.cell(rows[code], 4).value = percent
        ws.cell(rows[code], 5).value = state
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)

    page.get_by_role("link", name="上传填报模板").click()
    page.locator("input[type=file]").set_input_files(str(filled))
    page.get_by_role("button", name="上传").click()
    assert "任务进展保存 2 条" in page.locator(".messages").inner_text()
    stored = {p.task.code: (p.percent, p.progress) for p in TaskProgress.objects.all()}
    assert stored == {"M1": (35, "in_progress"), "M2": (100, "completed")}

    page = reporter.open(f"/reporting/rounds/{open_round.pk}/")
    page.get_by_role("button", name="报送本部门全部草稿").click()
    page.get_by_role("button", name="确认报送").click()
    assert page.locator(".messages").inner_text().startswith("已报送 2 条")

    reviewer = visitors()
    reviewer.login("coordinator")
    page = reviewer.open(f"/reporting/rounds/{open_round.pk}/")
    page.get_by_label("全选").check()
    boxes = page.locator("input[data-selectable]")
    assert boxes.count() == 2 and all(boxes.nth(i).is_checked() for i in range(2))
    m1 = TaskProgress.objects.get(task__code="M1")
    page.locator(f'textarea[name="comment-progress-{m1.pk}"]').fill("请补充佐证")
    page.get_by_label("审核结果").select_option("return")
    page.get_by_label("统一审核意见").fill("请核对完成比例")
    page.get_by_role("button", name="提交审核结果").click()
    assert "已退回 2 条" in page.locator(".messages").inner_text()
    comments = dict(TaskProgress.objects.values_list("task__code", "review_comment"))
    assert comments == {"M1": "请补充佐证", "M2": "请核对完成比例"}
