"""Data migrations carry what was stored before: a database made by the older migrations
reads the same after migrating forward (flags in both languages, restatements counted once)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import override

BEFORE = [
    ("plans", "0004_measurableitem_default_basis"),
    ("reporting", "0003_observation_basis_observation_plausibility_flag"),
]
FLAG = (
    "T1 高新技术企业数量 2023年为400家，较2022年的100家变化异常"
    "（超过3倍或正负号改变），请核实后确认提交，审核时将提示复核"
)


def _old_database():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    return executor.loader.project_state(BEFORE).apps


def _migrate_forward():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_flags_and_restatements_stored_before_are_read_after_migrating():
    old = _old_database()
    plan = old.get_model("plans", "Plan").objects.create(
        title="示例规划", base_year=2020, target_year=2025,
        source_json={"targets": [
            {"code": "T1", "restates": None, "high": 100, "year_defaulted": True},
            {"code": "T2", "restates": "I5", "high": None, "year_defaulted": False},
        ]},
    )  # fmt: skip
    item = old.get_model("plans", "MeasurableItem")
    t1 = item.objects.create(
        plan=plan, kind="target", code="T1", name="高新技术企业数量", unit="家"
    )
    item.objects.create(plan=plan, kind="target", code="T2", name="城镇调查失业率", unit="%")
    rnd = old.get_model("reporting", "ReportingRound").objects.create(
        plan=plan, name="2023年度", year=2023, deadline="2024-01-31"
    )
    observation = old.get_model("reporting", "Observation")
    flagged = observation.objects.create(
        round=rnd, item=t1, year=2023, value=400, plausibility_flag=FLAG
    )
    odd = observation.objects.create(
        round=rnd, item=t1, year=2024, value=1, plausibility_flag="人工备注"
    )

    _migrate_forward()

    from planwatch.web.plans.models import MeasurableItem
    from planwatch.web.reporting.models import Observation

    stored = {i.code: i for i in MeasurableItem.objects.filter(plan_id=plan.pk)}
    assert (stored["T1"].target_high, stored["T1"].year_defaulted, stored["T1"].restates) == (
        100, True, "",
    )  # fmt: skip
    assert stored["T2"].restates == "I5"
    obs = Observation.objects.get(pk=flagged.pk)
    assert obs.plausibility_code == "plausibility.jump"
    assert obs.plausibility_params == {
        "item": "T1 高新技术企业数量", "unit": "家", "year": 2023, "last_year": 2022,
        "value": "400", "previous": "100",
    }  # fmt: skip
    with override("zh-hans"):
        assert obs.plausibility_flag == FLAG  # the same sentence, from code and parameters
    with override("en"):
        assert obs.plausibility_flag.startswith("T1 高新技术企业数量 2023: 400 家 against 100 家")
    kept = Observation.objects.get(pk=odd.pk)
    assert (kept.plausibility_code, kept.plausibility_flag) == ("note", "人工备注")


@pytest.mark.django_db(transaction=True)
def test_notes_of_plans_stored_before_are_taken_from_the_kept_parse():
    before = [("plans", "0005_measurableitem_restates_high_year_defaulted")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    plan = old.get_model("plans", "Plan").objects.create(
        title="示例规划",
        source_json={
            "indicator_notes": ["1.〔〕内为五年累计数", "2.*为2019年数据。"],
            "indicators": [
                {"code": "I1", "name": "地区生产总值", "notes": ["2.*为2019年数据。"]},
                {"code": "I2", "name": "常住人口城镇化率", "notes": ["2.*为2019年数据。"]},
            ],
        },
    )
    item = old.get_model("plans", "MeasurableItem")
    item.objects.create(plan=plan, kind="indicator", code="I1", name="地区生产总值")
    # I2 was renamed on the web since: the kept parse may speak of another row, so no note.
    item.objects.create(plan=plan, kind="indicator", code="I2", name="城镇化率")
    without = old.get_model("plans", "Plan").objects.create(title="旧规划", source_json=None)

    _migrate_forward()

    from planwatch.web.plans.models import MeasurableItem, Plan

    assert Plan.objects.get(pk=plan.pk).indicator_notes == [
        "1.〔〕内为五年累计数",
        "2.*为2019年数据。",
    ]
    assert Plan.objects.get(pk=without.pk).indicator_notes == []
    notes = dict(MeasurableItem.objects.filter(plan_id=plan.pk).values_list("code", "notes"))
    assert notes == {"I1": ["2.*为2019年数据。"], "I2": []}


@pytest.mark.django_db(transaction=True)
def test_duplicate_leads_keep_the_earliest_and_the_others_support_with_history():
    before = [("plans", "0006_indicator_notes"), ("history", "0002_revision")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    plan = old.get_model("plans", "Plan").objects.create(
        title="示例规划", base_year=2020, target_year=2025
    )
    item = old.get_model("plans", "MeasurableItem").objects.create(
        plan=plan, kind="target", code="T1", name="高新技术企业数量", unit="家"
    )
    department = old.get_model("plans", "Department")
    first, second = (department.objects.create(name=n) for n in ("科技局", "经发局"))
    assignment = old.get_model("plans", "Assignment")
    earliest = assignment.objects.create(plan=plan, department=first, role="lead", item=item)
    later = assignment.objects.create(plan=plan, department=second, role="lead", item=item)

    _migrate_forward()

    from planwatch.web.history.models import ChangeRecord
    from planwatch.web.plans.models import Assignment

    roles = dict(Assignment.objects.values_list("pk", "role"))
    assert roles == {earliest.pk: "lead", later.pk: "support"}
    (record,) = ChangeRecord.objects.filter(object_id=later.pk)
    assert record.changed_fields == ["role"] and "保留最早的牵头分工" in record.reason
    assert record.object_repr == "T1 — 经发局（配合）"


@pytest.mark.django_db(transaction=True)
def test_proposed_annual_targets_stored_in_words_get_their_code():
    before = [("reporting", "0006_merge_annual_projects_references_rounds")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    plan = old.get_model("plans", "Plan").objects.create(
        title="示例规划", base_year=2020, target_year=2025
    )
    item = old.get_model("plans", "MeasurableItem").objects.create(
        plan=plan, kind="target", code="T1", name="高新技术企业数量", unit="家"
    )
    target = old.get_model("reporting", "AnnualTarget")
    proposed = target.objects.create(item=item, year=2023, value=152, source="按规划路径测算")
    entered = target.objects.create(item=item, year=2024, value=170, source="2024年政府工作报告")

    _migrate_forward()

    from planwatch.web.reporting.models import AnnualTarget

    proposed, entered = (
        AnnualTarget.objects.get(pk=proposed.pk),
        AnnualTarget.objects.get(pk=entered.pk),
    )
    assert (proposed.source, proposed.source_code) == ("", "path")
    assert proposed.source_in("zh-hans") == "按规划路径测算"
    with override("en"):
        assert proposed.source_label == "Proposed from the plan's path"
        assert entered.source_label == "2024年政府工作报告"  # words entered by hand stay
    assert entered.source_code == ""
