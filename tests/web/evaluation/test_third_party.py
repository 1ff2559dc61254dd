"""Third-party evaluation: the commission, the evaluator's own verdicts and evidence, the draft
report, the side-by-side comparison and the final report archived with the commission.

The county plan (tests/web/dashboard/progress_data.py): T1 has an approved 2023 figure of 150
against a target of ≥ 200 in 2025; M1's science bureau reported 60 % 推进中 (approved, 2023).
"""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from planwatch.web.evaluation.models import Commission, ThirdPartyVerdict
from planwatch.web.history.models import ChangeRecord
from planwatch.web.plans.models import MeasurableItem, Task

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes(text: str) -> bytes:
    doc = Document()
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture
def commission(reported, users, login):
    coordinator = login(users["coordinator"])
    response = coordinator.post(
        reverse("evaluation:commissions", args=[reported.plan.pk]),
        {
            "title": "2023年度第三方评估",
            "agency": "示例评估中心",
            "year": "2023",
            "scope": "T1 M1 M3",
            "evaluators": [str(users["evaluator"].pk)],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    coordinator.logout()
    return Commission.objects.get()


def grade(client, commission, kind, code, grade, comment=""):
    model = MeasurableItem if kind == "item" else Task
    target = model.objects.get(plan=commission.plan, code=code)
    return client.post(
        reverse("evaluation:verdict", args=[commission.pk, kind, target.pk]),
        {"grade": grade, "comment": comment},
    )


def test_the_coordinator_commissions_and_the_change_is_logged(commission, users):
    assert commission.scope == "T1 M1 M3" and commission.state == "commissioned"
    assert [e.user for e in commission.evaluators.all()] == [users["evaluator"]]
    assert ChangeRecord.objects.filter(object_id=commission.pk, action="create").exists()


def test_an_unknown_scope_word_is_named(reported, users, login):
    coordinator = login(users["coordinator"])
    response = coordinator.post(
        reverse("evaluation:commissions", args=[reported.plan.pk]),
        {"title": "x", "year": "2023", "scope": "T1 第九十九章 Z9"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "第九十九章”“Z9" in page
    assert not Commission.objects.exists()


def test_the_evaluator_grades_uploads_and_drafts(commission, users, login):
    evaluator = login(users["evaluator"])
    assert grade(evaluator, commission, "item", "T1", "on_track", "调研核实").status_code == 302
    assert (
        grade(evaluator, commission, "task", "M1", "delayed", "实地查看进度滞后").status_code == 302
    )
    commission.refresh_from_db()
    assert commission.state == "in_progress"
    # outside the scope: no such verdict page
    outside = Task.objects.get(plan=commission.plan, code="M2")
    url = reverse("evaluation:verdict", args=[commission.pk, "task", outside.pk])
    assert evaluator.get(url).status_code == 404

    upload = SimpleUploadedFile("走访记录.png", PNG, content_type="image/png")
    evaluator.post(
        reverse("evaluation:evidence_upload", args=[commission.pk]),
        {"title": "企业走访照片", "file": upload},
    )
    assert commission.evidence.get().original_name == "走访记录.png"
    bad = SimpleUploadedFile("x.png", b"MZ\x90\x00not an image", content_type="image/png")
    page = evaluator.post(
        reverse("evaluation:evidence_upload", args=[commission.pk]), {"file": bad}, follow=True
    ).content.decode()
    assert "文件内容不是可接受的类型" in page and commission.evidence.count() == 1

    draft = evaluator.get(reverse("evaluation:draft", args=[commission.pk]))
    assert draft.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(draft.content)).paragraphs)
    assert "第三方评估报告（初稿）" in text
    assert "共涉及指标、目标和任务3项，已形成独立评估结论2项" in text
    assert "企业走访照片" in text
    cells = [c.text for t in Document(io.BytesIO(draft.content)).tables for c in t._cells]
    assert "符合预期" in cells and "进度滞后" in cells and "实地查看进度滞后" in cells


def test_side_by_side_lists_the_differences(commission, users, login, client):
    evaluator = login(users["evaluator"])
    grade(evaluator, commission, "task", "M1", "delayed")  # departments said 推进中: differs
    grade(evaluator, commission, "task", "M3", "not_started")  # no approved report: differs too
    evaluator.logout()
    coordinator = login(users["coordinator"])
    page = coordinator.get(reverse("evaluation:compare", args=[commission.pk])).content.decode()
    assert "结论不同的 2 项" in page
    differences = page.split('<ul class="differences">')[1].split("</ul>")[0]
    assert "M1" in differences and "推进中" in differences and "进度滞后" in differences
    assert "T1" not in differences  # not graded: never a difference
    # the departments' word beside it: science 60 % (2023) and environment 30 % (2022), mean 45 %
    assert "<td>45%</td><td>推进中</td>" in page


def test_item_grade_equal_to_the_engine_is_no_difference(commission, users, login):
    from planwatch.web.evaluation import compare

    rows = compare.side_by_side(commission, users["coordinator"])
    t1 = next(r for r in rows if r.code == "T1")
    evaluator = login(users["evaluator"])
    grade(evaluator, commission, "item", "T1", t1.self_grade)
    grade(evaluator, commission, "task", "M1", "in_progress")  # as the department said
    rows = compare.side_by_side(commission, users["coordinator"])
    assert compare.differences(rows) == []
    assert sum(1 for r in rows if r.verdict) == 2


def test_only_the_evaluators_write_verdicts(commission, users, login):
    coordinator = login(users["coordinator"])
    assert grade(coordinator, commission, "task", "M1", "completed").status_code == 403
    coordinator.logout()
    leader = login(users["leader"])
    assert grade(leader, commission, "task", "M1", "completed").status_code == 403
    assert not ThirdPartyVerdict.objects.exists()


def test_submitted_then_archived_with_the_final_report(commission, users, login):
    evaluator = login(users["evaluator"])
    grade(evaluator, commission, "task", "M1", "delayed")
    final = SimpleUploadedFile("评估报告.docx", docx_bytes("正式报告"))
    evaluator.post(reverse("evaluation:submit", args=[commission.pk]), {"file": final})
    commission.refresh_from_db()
    assert commission.state == "submitted" and commission.final_report_name == "评估报告.docx"
    # closed to the evaluator's edits now
    assert grade(evaluator, commission, "task", "M1", "completed").status_code == 403
    assert ThirdPartyVerdict.objects.get().grade == "delayed"
    evaluator.logout()
    coordinator = login(users["coordinator"])
    coordinator.post(
        reverse("evaluation:archive", args=[commission.pk]), {"version": commission.version}
    )
    commission.refresh_from_db()
    assert commission.state == "archived"
    download = coordinator.get(reverse("evaluation:final_report", args=[commission.pk]))
    body = b"".join(download.streaming_content)
    assert "正式报告" in Document(io.BytesIO(body)).paragraphs[0].text


def test_an_evaluator_not_on_the_commission_sees_nothing(commission, users, login, departments):
    from planwatch.web.accounts.models import User

    other = User(username="evaluator2", role="evaluator")
    other.set_password("x-pass-123")
    other.save()
    client = login(other)
    assert client.get(reverse("evaluation:commission", args=[commission.pk])).status_code == 404
    assert grade(client, commission, "task", "M1", "delayed").status_code == 404


def test_the_change_log_and_commission_page_name_grades_in_the_readers_language(
    commission, users, login
):
    """Found in the QA pass: the plan's change log showed 评估结论 as ``on_track``/``delayed``."""
    evaluator = login(users["evaluator"])
    assert grade(evaluator, commission, "item", "T1", "on_track").status_code == 302
    assert grade(evaluator, commission, "task", "M1", "delayed").status_code == 302
    evaluator.logout()
    coordinator = login(users["coordinator"])
    log = reverse("history:plan", args=[commission.plan.pk])
    page = coordinator.get(log).content.decode()
    assert "<ins>符合预期</ins>" in page and "<ins>进度滞后</ins>" in page
    assert "<ins>on_track</ins>" not in page and "<ins>delayed</ins>" not in page
    coordinator.cookies["django_language"] = "en"
    page = coordinator.get(log).content.decode()
    assert "<ins>On track</ins>" in page and "<ins>符合预期</ins>" not in page
    commission_page = coordinator.get(reverse("evaluation:commission", args=[commission.pk]))
    assert "On track" in commission_page.content.decode()
