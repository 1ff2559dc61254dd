"""Re-importing a corrected outline keeps codes, assignments (分工), figures and history.

The corrected variant of the county fixture (tests/fixtures/outlines/…-corrected.txt), made by
hand from the original, inserts a measure in chapter 3 (3.推进农业机械化, so the parse numbers
every later measure one higher), edits one (建成3个 → 4个省级现代农业产业园, which also changes
the prose target T9), drops one (壮大农村电商, M5 in the first reading) and changes the
doctors' indicator I6 (target 3 → 3.2).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone, translation

from planwatch.outline import parse_outline
from planwatch.web.history.models import ChangeRecord
from planwatch.web.history.services import history_of, save_tracked
from planwatch.web.plans.models import Assignment, MeasurableItem, Node, Task
from planwatch.web.plans.services import reimport
from planwatch.web.plans.services.importer import import_plan
from planwatch.web.reporting.models import Observation, ReportingRound, TaskProgress
from planwatch.web.reporting.services.workflow import record_observation, record_progress

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _chinese():
    """Field names and reasons are written in the active language: Chinese, as a page has it
    (another test in the same worker may have left English active)."""
    with translation.override("zh-hans"):
        yield


OUTLINES = Path(__file__).resolve().parents[1] / "fixtures" / "outlines"
ORIGINAL = OUTLINES / "qinghe-county-14th-fyp-outline.txt"
CORRECTED = OUTLINES / "qinghe-county-14th-fyp-outline-corrected.txt"


@pytest.fixture
def county(departments, users):
    """The county outline as first imported, confirmed, with 分工 and two reported figures."""
    plan = import_plan(parse_outline(ORIGINAL), source_name=ORIGINAL.name)
    plan.confirmed_at = timezone.now()
    save_tracked(plan)

    def task(code):
        return Task.objects.get(plan=plan, code=code)

    def item(code):
        return MeasurableItem.objects.get(plan=plan, code=code)

    for target, dept in ((task("M4"), "science"), (task("M5"), "env"), (item("I6"), "science")):
        kind = "item" if isinstance(target, MeasurableItem) else "task"
        save_tracked(
            Assignment(plan=plan, department=departments[dept], role="lead", **{kind: target})
        )
    edited = task("M4")
    edited.title = "发展乡村旅游（校核）"  # a coordinator's correction on the web
    save_tracked(edited, user=users["coordinator"], reason="校核")
    rnd = save_tracked(
        ReportingRound(
            plan=plan, name="2022年度", year=2022, status="open",
            deadline=timezone.localdate(),
        )
    )  # fmt: skip
    record_observation(users["coordinator"], rnd, item("I6"), value=2.6, unit="人")
    record_progress(
        users["coordinator"], rnd, task("M5"), narrative="建成物流站点12个。", percent=40,
        progress="in_progress", department=departments["env"],
    )  # fmt: skip
    return plan


def test_the_comparison_lists_what_is_new_changed_and_removed(county):
    comparison = reimport.compare(county, parse_outline(CORRECTED), source_name=CORRECTED.name)
    added = {(c.code, c.label) for c in comparison.added}
    assert added == {("M11", "提高主要农作物耕种收综合机械化水平")}  # M3 is taken: a fresh code
    changed = {c.code: c.fields for c in comparison.changed}
    assert changed["M3"] == ["内容"]  # 建成3个 → 4个, the same measure (培育特色品牌)
    assert changed["T9"] == ["目标值", "目标原文", "原文"]
    assert "目标值" in changed["I6"] and "累计变化" in changed["I6"]
    # M4 was corrected on the web (its title); the new reading's title differs from that.
    assert changed["M4"] == ["任务"]
    assert [(c.code, c.archived, c.records) for c in comparison.removed] == [("M5", True, 1)]
    assert Task.objects.filter(plan=county).count() == 10  # nothing written yet


def test_a_corrected_outline_keeps_codes_assignments_figures_and_history(county, users):
    before_task = {t.code: t.pk for t in Task.objects.filter(plan=county)}
    comparison = reimport.compare(county, parse_outline(CORRECTED), source_name=CORRECTED.name)
    reimport.apply(comparison, user=users["coordinator"], reason="印发稿更正")

    tasks = {t.code: t for t in Task.objects.filter(plan=county)}
    assert sorted(tasks, key=lambda c: tasks[c].order) == [
        "M1", "M2", "M11", "M3", "M4", "M6", "M7", "M8", "M9", "M10",
    ]  # fmt: skip
    # Same rows, same codes: 培育特色品牌 is still M3 (the parse called it M4).
    assert tasks["M3"].pk == before_task["M3"] and "建成4个" in tasks["M3"].text
    assert tasks["M4"].pk == before_task["M4"]
    assert tasks["M4"].assignments.get().department.name == "县科学技术局"
    # The dropped measure: soft-deleted with its 分工, restorable, said why in its history.
    gone = Task.all_objects.get(pk=before_task["M5"])
    assert gone.is_deleted and not Assignment.objects.filter(task=gone).exists()
    assert "已填报的数据和历史保留" in history_of(gone).first().reason
    assert TaskProgress.objects.get(task=gone).narrative == "建成物流站点12个。"  # archived
    # The figure of I6 stays on I6, whose target changed.
    i6 = MeasurableItem.objects.get(plan=county, code="I6")
    assert (i6.target_value, i6.cumulative_value) == (3.2, 0.8)
    assert Observation.objects.get(item=i6).value == 2.6
    assert i6.assignments.get().department.name == "县科学技术局"
    change = ChangeRecord.objects.filter(content_type__model="measurableitem", object_id=i6.pk)
    assert change.latest("id").before["target_value"] == 3 and change.latest("id").reason == (
        "印发稿更正"
    )
    # The new measure sits under its heading; the tree is the new reading's.
    new = tasks["M11"]
    assert (new.node.number, new.node.parent.number, new.chapter.number) == (
        "3.",
        "（一）",
        "第三章",
    )
    assert not Node.objects.filter(plan=county, deleted_at__isnull=False).exists()
    county.refresh_from_db()  # still confirmed; the source is the corrected file
    assert county.confirmed_at is not None and county.source_name == CORRECTED.name


def test_a_second_reimport_of_the_same_outline_changes_nothing(county, users):
    parsed = parse_outline(CORRECTED)
    reimport.apply(reimport.compare(county, parsed), user=users["coordinator"])
    versions = {t.code: t.version for t in Task.objects.filter(plan=county)}
    headings = {n.pk: n.version for n in Node.objects.filter(plan=county)}
    again = reimport.compare(county, parse_outline(CORRECTED))
    assert not again.has_changes and again.unchanged == 10 + 23
    reimport.apply(again, user=users["coordinator"])
    assert {t.code: t.version for t in Task.objects.filter(plan=county)} == versions
    assert {n.pk: n.version for n in Node.objects.filter(plan=county)} == headings


def test_restatement_links_follow_the_kept_codes(county):
    t3 = MeasurableItem.objects.get(plan=county, code="T3")
    assert t3.restates == "I5"  # 城镇调查失业率控制在5.5%以内 restates the table's I5


def _upload(client, plan, path=CORRECTED):
    with path.open("rb") as handle:
        return client.post(f"/plans/{plan.pk}/reimport/", {"file": handle})


def test_the_coordinator_sees_the_changes_before_confirming(county, users, login):
    client = login(users["coordinator"])
    preview = _upload(client, county)
    page = preview.content.decode()
    assert preview.status_code == 200 and "重新导入：核对变化" in page
    assert "M11" in page and "提高主要农作物耕种收综合机械化水平" in page  # new
    assert "新版中为 M4" in page  # 培育特色品牌 keeps M3
    assert "归档：已填报的 1 条记录保留" in page  # M5 had a progress report
    assert Task.objects.filter(plan=county, code="M11").count() == 0  # nothing written yet
    done = client.post(f"/plans/{county.pk}/reimport/confirm/", {"reason": "印发稿更正"})
    assert done.status_code == 302 and done["Location"] == f"/plans/{county.pk}/"
    assert Task.objects.get(plan=county, code="M11").title == "提高主要农作物耕种收综合机械化水平"
    assert not Task.objects.filter(plan=county, code="M5").exists()


def test_a_change_after_the_preview_shows_the_comparison_again(county, users, login):
    client = login(users["coordinator"])
    _upload(client, county)
    m1 = Task.objects.get(plan=county, code="M1")
    m1.title = "建设高标准农田"
    save_tracked(m1, user=users["admin"], reason="同时修改")
    again = client.post(f"/plans/{county.pk}/reimport/confirm/", {"reason": ""})
    assert again.status_code == 200 and "预览之后规划数据有了变化" in again.content.decode()
    assert not Task.objects.filter(plan=county, code="M11").exists()
    assert client.post(f"/plans/{county.pk}/reimport/confirm/").status_code == 302
    assert Task.objects.filter(plan=county, code="M11").exists()


@pytest.mark.parametrize("role", ["reporter", "leader", "evaluator"])
def test_only_managers_reimport(county, users, login, role):
    client = login(users[role])
    assert _upload(client, county).status_code in (403, 404)
    assert client.post(f"/plans/{county.pk}/reimport/confirm/").status_code in (403, 404)


def test_a_bad_file_is_a_message_on_the_form(county, users, login, tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_text("这不是规划纲要。", encoding="utf-8")
    page = _upload(login(users["coordinator"]), county, broken)
    assert page.status_code == 200 and "重新导入规划纲要" in page.content.decode()
    assert page.context["form"].errors["file"]


def test_the_comparison_page_reads_english_through_the_switch(county, users, login):
    client = login(users["coordinator"])
    client.cookies["django_language"] = "en"
    page = _upload(client, county).content.decode()
    assert "Re-import: check the changes" in page and "Archived: 1 reported record kept" in page
    assert "M4 in the new reading" in page
    assert "重新导入：核对变化" not in page


def test_reimport_from_the_command_line_lists_then_applies(tmp_path):
    from tests.web.test_cli import _run

    assert _run(tmp_path, "plan", "import", str(ORIGINAL), "--confirm").returncode == 0
    listed = _run(tmp_path, "plan", "reimport", "1", str(CORRECTED))
    assert listed.returncode == 0, listed.stderr
    assert "新增  M11    提高主要农作物耕种收综合机械化水平" in listed.stdout
    assert "移除  M5     壮大农村电商" in listed.stdout
    assert listed.stdout.rstrip().endswith("加 --apply 再运行一次以执行")
    applied = _run(tmp_path, "plan", "reimport", "1", str(CORRECTED), "--apply")
    assert applied.stdout.rstrip().endswith("已执行")
    again = _run(tmp_path, "plan", "reimport", "1", str(CORRECTED))
    assert "新增 0，修改 0，移除 0，未变 33" in again.stdout
    english = _run(tmp_path, "plan", "reimport", "1", str(CORRECTED), lang="en_US.UTF-8")
    assert "0 added, 0 changed, 0 removed, 33 unchanged" in english.stdout
    missing = _run(tmp_path, "plan", "reimport", "7", str(CORRECTED))
    assert missing.returncode == 2
    assert missing.stderr.startswith("planwatch: 错误: 没有编号为 7 的规划")


def test_submissions_on_a_removed_task_leave_the_review_queue(county, users, login):
    from django.core.exceptions import PermissionDenied

    from planwatch.web.reporting.services.workflow import approve, submit

    coordinator = users["coordinator"]
    rnd = ReportingRound.objects.get(plan=county)
    kept = Observation.objects.get(item__code="I6")
    archived = TaskProgress.objects.get(task__code="M5")
    submit(coordinator, [kept, archived])
    comparison = reimport.compare(county, parse_outline(CORRECTED), source_name=CORRECTED.name)
    reimport.apply(comparison, user=coordinator, reason="印发稿更正")  # M5 is dropped

    client = login(coordinator)
    page = client.get(f"/reporting/rounds/{rnd.pk}/").content.decode()
    assert f'name="observation" value="{kept.pk}"' in page
    assert f'name="progress" value="{archived.pk}"' not in page
    assert "另有 1 条报送所属的指标或任务已在重新导入时移除" in page
    # Neither the page's form nor the service approves it; it stays as it was, archived.
    client.post(
        f"/reporting/rounds/{rnd.pk}/review/", {"progress": archived.pk, "decision": "approve"}
    )
    with pytest.raises(PermissionDenied):
        approve(coordinator, [TaskProgress.objects.get(pk=archived.pk)])
    archived.refresh_from_db()
    assert archived.status == "submitted"
    assert approve(coordinator, [Observation.objects.get(pk=kept.pk)]) == 1  # the kept one
