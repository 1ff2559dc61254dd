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
from django.utils import timezone

from planwatch.outline import parse_outline
from planwatch.web.history.models import ChangeRecord
from planwatch.web.history.services import history_of, save_tracked
from planwatch.web.plans.models import Assignment, MeasurableItem, Node, Task
from planwatch.web.plans.services import reimport
from planwatch.web.plans.services.importer import import_plan
from planwatch.web.reporting.models import Observation, ReportingRound
from planwatch.web.reporting.services.workflow import record_observation

pytestmark = pytest.mark.django_db

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
    assert "新版纲要中已无此项" in history_of(gone).first().reason
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
