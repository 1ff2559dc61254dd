"""Annual targets and shares in the web system: propose, confirm, approve, judge; who may."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from docx import Document

from planwatch.web.annual import services
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import MeasurableItem
from planwatch.web.reporting.models import (
    AnnualTarget,
    ShareFigure,
    TargetShare,
    TargetState,
)
from planwatch.web.reporting.services.assessment import assess_stored_plan

pytestmark = pytest.mark.django_db


def target(plan, code, year):
    return AnnualTarget.objects.get(item__plan=plan, item__code=code, year=year)


def test_the_coordinator_proposes_every_year_of_every_item_in_one_step(assigned, users):
    created, kept = services.propose_all(assigned, users["coordinator"])
    # I1 growth 7 % a year; I2 level 60 → 65 (60 + 0.6 × 5 = 63 in 2023); T1 100 → 200 家
    # (geometric: 100 × 2^0.6 = 151.57 → 152 in 2023); I3 has its target in words: none.
    assert created == 15 and kept == 0
    assert target(assigned, "I1", 2023).value == 7.0
    assert target(assigned, "I2", 2023).value == 63.0
    assert target(assigned, "T1", 2023).value == 152
    assert not AnnualTarget.objects.filter(item__code="I3").exists()
    proposed = target(assigned, "T1", 2023)  # its source by code, in the reader's language
    assert (proposed.source_code, proposed.source_in("zh-hans")) == ("path", "按规划路径测算")
    edited = target(assigned, "T1", 2023)
    edited.value = 150
    save_tracked(edited, user=users["coordinator"])
    assert services.propose_all(assigned, users["coordinator"]) == (0, 15)
    assert target(assigned, "T1", 2023).value == 150  # nothing entered is overwritten


def test_only_the_coordinator_proposes_and_approves(assigned, users):
    with pytest.raises(PermissionDenied):
        services.propose_all(assigned, users["reporter"])
    services.propose_all(assigned, users["coordinator"])
    row = target(assigned, "T1", 2023)  # science leads T1
    with pytest.raises(PermissionDenied):
        services.confirm(users["other_reporter"], row)  # env does not lead it
    services.confirm(users["reporter"], row)
    assert target(assigned, "T1", 2023).state == TargetState.CONFIRMED
    for who in ("reporter", "leader", "evaluator"):
        with pytest.raises(PermissionDenied):
            services.approve(users[who], target(assigned, "T1", 2023))
    services.approve(users["coordinator"], target(assigned, "T1", 2023))
    assert target(assigned, "T1", 2023).state == TargetState.APPROVED


def test_only_approved_targets_reach_the_assessment(assigned, users, open_round):
    from planwatch.web.reporting.models import Observation

    services.propose_all(assigned, users["coordinator"])
    item = MeasurableItem.objects.get(plan=assigned, code="T1")
    save_tracked(Observation(round=open_round, item=item, year=2023, value=148, status="approved"))
    judged = assess_stored_plan(assigned, 2023, users["coordinator"])
    assert next(i for i in judged.items if i.code == "T1").annual is None  # proposed only
    services.approve(users["coordinator"], target(assigned, "T1", 2023))
    judged = assess_stored_plan(assigned, 2023, users["coordinator"])
    annual = next(i for i in judged.items if i.code == "T1").annual
    # 148 against 152 from 100: ln 1.48 / ln 1.52 = 0.934 → 基本完成
    assert annual.status == "mostly_completed"
    assert annual.target == 152


def share(item, dept, holder, baseline, target_value, weight=None):
    return save_tracked(
        TargetShare(
            item=item,
            holder_kind="area",
            holder_name=holder,
            department=dept,
            baseline=baseline,
            target=target_value,
            weight=weight,
        )
    )


def test_a_department_reports_only_its_own_shares(assigned, users, departments, login):
    item = MeasurableItem.objects.get(plan=assigned, code="T1")
    own = share(item, departments["science"], "东区", 40, 80)
    other = share(item, departments["env"], "西区", 60, 120)
    client = login(users["reporter"])  # science
    assert client.get(f"/annual/shares/{own.pk}/figure/?year=2022").status_code == 200
    answer = client.post(f"/annual/shares/{own.pk}/figure/?year=2022", {"value": "50"})
    assert answer.status_code == 302
    assert ShareFigure.objects.get(share=own, year=2022).value == 50
    refused = client.post(f"/annual/shares/{other.pk}/figure/?year=2022", {"value": "70"})
    assert refused.status_code == 403
    assert not ShareFigure.objects.filter(share=other).exists()


def test_the_parent_page_rolls_up_and_names_the_part_off_course(
    assigned, users, departments, login
):
    item = MeasurableItem.objects.get(plan=assigned, code="T1")
    east = share(item, departments["science"], "东区", 40, 80)
    west = share(item, departments["env"], "西区", 60, 120)
    save_tracked(ShareFigure(share=east, year=2022, value=53))  # 40·2^0.4 = 52.78: on track
    save_tracked(ShareFigure(share=west, year=2022, value=62))  # r = ln(62/60)/ln 2/0.4 = 0.12
    rollup, _rows = services.shares_rollup(item, 2022, users["coordinator"])
    assert rollup.method == "sum" and rollup.figures == {2022: 115}
    assert (rollup.baseline, rollup.target) == (100, 200)
    assert [s.holder for s in rollup.off_course] == ["西区"]
    page = login(users["coordinator"]).get(f"/annual/items/{item.pk}/shares/?year=2022")
    text = page.content.decode()
    assert "进度滞后的分解单位" in text and "西区（严重滞后）" in text


def test_the_department_page_lists_its_items_with_targets_and_its_tasks(
    assigned, users, departments, login
):
    services.propose_all(assigned, users["coordinator"])
    page = login(users["reporter"]).get(
        f"/annual/plans/{assigned.pk}/departments/{departments['science'].pk}/?year=2023"
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "达到152家" in text and "达到63%" in text
    assert "壮大高新技术企业" in text


def test_the_annual_plan_download_opens_with_a_heading_per_department(
    assigned, users, departments, login
):
    services.propose_all(assigned, users["coordinator"])
    answer = login(users["coordinator"]).get(f"/annual/plans/{assigned.pk}/2023.docx")
    assert answer.status_code == 200
    doc = Document(io.BytesIO(answer.content))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、县发展和改革局", "二、县生态环境分局", "三、县科学技术局"]
    # the tasks' chapter in its short form: the full title made the table wrap page after page
    tasks = [t for t in doc.tables if t.rows[0].cells[2].text == "所属章节"]
    chapters = {r.cells[0].text: r.cells[2].text for t in tasks for r in t.rows[1:]}
    assert chapters["M1"] == "第一章" and chapters["M3"] == "第二章"
    assert (
        login(users["coordinator"]).get(f"/annual/plans/{assigned.pk}/2019.docx").status_code == 400
    )
    xlsx = login(users["coordinator"]).get(f"/annual/plans/{assigned.pk}/2023.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_the_item_page_shows_the_years_judgement_beside_the_path(
    assigned, users, open_round, login
):
    from planwatch.web.reporting.models import Observation

    services.propose_all(assigned, users["coordinator"])
    services.approve(users["coordinator"], target(assigned, "T1", 2023))
    item = MeasurableItem.objects.get(plan=assigned, code="T1")
    save_tracked(Observation(round=open_round, item=item, year=2023, value=148, status="approved"))
    page = login(users["coordinator"]).get(f"/dashboard/items/{item.pk}/?year=2023")
    text = page.content.decode()
    assert "年度目标完成情况" in text
    assert "2023年年度目标为达到152家，实际为148家，基本完成年度目标。" in text
    assert "规划进度" in text


def test_the_coordinator_splits_an_item_and_a_reporter_may_not(assigned, users, departments, login):
    item = MeasurableItem.objects.get(plan=assigned, code="T1")
    data = {"holder_kind": "area", "holder_name": "东区", "department": departments["science"].pk,
            "baseline": "40", "target": "80", "weight": "", "note": ""}  # fmt: skip
    assert (
        login(users["reporter"]).post(f"/annual/items/{item.pk}/shares/new/", data).status_code
        == 403
    )
    made = login(users["coordinator"]).post(f"/annual/items/{item.pk}/shares/new/", data)
    assert made.status_code == 302
    share = TargetShare.objects.get(item=item)
    assert (share.holder_name, share.baseline, share.target) == ("东区", 40, 80)
    url = f"/annual/items/{item.pk}/shares/{share.pk}/"
    coordinator = login(users["coordinator"])
    assert coordinator.post(url, {**data, "target": "90", "version": 1}).status_code == 302
    stale = coordinator.post(url, {**data, "target": "95", "version": 1})  # read before
    assert stale.status_code == 200 and "已被他人修改" in stale.content.decode()
    assert TargetShare.objects.get(pk=share.pk).target == 90


def test_an_edit_of_an_approved_target_sends_it_back_for_confirmation(assigned, users, login):
    services.propose_all(assigned, users["coordinator"])
    row = services.approve(users["coordinator"], target(assigned, "T1", 2023))
    answer = login(users["coordinator"]).post(
        f"/annual/targets/{row.pk}/",
        {"value": "150", "comparator": ">=", "source": "年度实施计划", "version": row.version},
    )
    assert answer.status_code == 302
    changed = target(assigned, "T1", 2023)
    assert (changed.value, changed.state) == (150, TargetState.PROPOSED)
    assert login(users["reporter"]).get(f"/annual/targets/{row.pk}/").status_code == 403
