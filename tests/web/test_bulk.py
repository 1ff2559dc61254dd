"""Many records in one step: the bulk progress page, the confirmed submission, the review of a
selection with a comment per row."""

from __future__ import annotations

import pytest

from planwatch.web.reporting.models import Observation, TaskProgress
from planwatch.web.reporting.services import workflow

pytestmark = pytest.mark.django_db


def _rows(response):
    """The bulk page's POST data as it was rendered (the formset's initial values)."""
    formset = response.context["formset"]
    data = {
        "rows-TOTAL_FORMS": str(formset.total_form_count()),
        "rows-INITIAL_FORMS": str(formset.initial_form_count()),
    }
    for i, form in enumerate(formset.forms):
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            data[f"rows-{i}-{name}"] = "" if value is None else str(value)
    codes = {data[f"rows-{i}-task"]: i for i in range(len(formset.forms))}
    return data, codes


def test_many_tasks_are_saved_from_one_page(open_round, users, login):
    client = login(users["reporter"])
    url = f"/reporting/rounds/{open_round.pk}/progress/"
    data, codes = _rows(client.get(url))
    assert set(codes) == {"M1", "M2"}
    for code, percent in (("M1", 30), ("M2", 70)):
        data[f"rows-{codes[code]}-percent"] = str(percent)
        data[f"rows-{codes[code]}-narrative"] = f"{code} 已推进"
    response = client.post(url, data)
    assert response.status_code == 302
    stored = {p.task.code: p.percent for p in TaskProgress.objects.all()}
    assert stored == {"M1": 30, "M2": 70}


def test_a_conflict_on_one_row_saves_none_and_shows_the_other_value(open_round, users, login):
    reporter = users["reporter"]
    m1 = open_round.plan.tasks.get(code="M1")
    workflow.record_progress(
        reporter, open_round, m1, narrative="起初", percent=10, progress="in_progress"
    )
    client = login(reporter)
    url = f"/reporting/rounds/{open_round.pk}/progress/"
    data, codes = _rows(client.get(url))
    # A colleague saves M1 meanwhile.
    report = TaskProgress.objects.get(task=m1)
    workflow.record_progress(
        reporter,
        open_round,
        m1,
        narrative="同事的版本",
        percent=55,
        progress="in_progress",
        expected_version=report.version,
    )
    data[f"rows-{codes['M1']}-percent"] = "20"
    data[f"rows-{codes['M2']}-percent"] = "90"
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "已被他人修改" in page
    assert "同事的版本" in page and "55%" in page and "reporter 于" in page
    assert 'value="90"' in page  # what the user typed is still there
    assert not TaskProgress.objects.filter(task__code="M2").exists()  # nothing saved
    assert TaskProgress.objects.get(task=m1).percent == 55


def test_submitting_shows_what_will_be_submitted_first(open_round, users, login):
    reporter = users["reporter"]
    obs = workflow.record_observation(
        reporter, open_round, open_round.plan.items.get(code="I2"), value=61
    )
    client = login(reporter)
    url = f"/reporting/rounds/{open_round.pk}/submit/"
    page = client.get(url).content.decode()
    assert "将报送以下 1 条草稿" in page and "I2" in page
    assert Observation.objects.get().status == "draft"
    client.post(url, {})  # no confirmation: still only the question
    assert Observation.objects.get().status == "draft"
    client.post(url, {"confirm": "1", "record": f"observation-{obs.pk}"})
    assert Observation.objects.get().status == "submitted"


@pytest.fixture
def queue(open_round, users):
    """Three submissions: I2 and T1 (science) with a 2022 figure for I2, M3 (environment)."""
    reporter, other = users["reporter"], users["other_reporter"]
    items = {i.code: i for i in open_round.plan.items.all()}
    from planwatch.web.history.services import save_tracked

    save_tracked(
        Observation(round=open_round, item=items["I2"], year=2022, period="Y", value=58.0, unit="%")
    )
    i2 = workflow.record_observation(reporter, open_round, items["I2"], value=61.0, unit="%")
    t1 = workflow.record_observation(reporter, open_round, items["T1"], value=120)
    m3 = workflow.record_progress(
        other,
        open_round,
        open_round.plan.tasks.get(code="M3"),
        narrative="推进",
        percent=60,
        progress="in_progress",
    )
    workflow.submit(reporter, [i2, t1])
    workflow.submit(other, [m3])
    return {"I2": i2, "T1": t1, "M3": m3}


def test_the_queue_shows_last_year_the_target_and_the_change(open_round, queue, users, login):
    page = login(users["coordinator"]).get(f"/reporting/rounds/{open_round.pk}/")
    html = page.content.decode()
    assert "data-select-all" in html
    row = html[html.index(f'id="obs-{queue["I2"].pk}"') :].split("</tr>")[0]
    assert "2022：58 %" in row
    assert "+3" in row
    assert 'name="comment-observation-' in row


def test_a_selection_is_returned_each_with_its_own_comment(open_round, queue, users, login):
    client = login(users["coordinator"])
    i2, t1, m3 = queue["I2"], queue["T1"], queue["M3"]
    response = client.post(
        f"/reporting/rounds/{open_round.pk}/review/",
        {
            "observation": [i2.pk, t1.pk],
            "progress": [m3.pk],
            "decision": "return",
            "comment": "请核对",
            f"comment-observation-{i2.pk}": "口径与上年不一致",
            f"comment-progress-{m3.pk}": "请补充佐证",
        },
    )
    assert response.status_code == 302
    for record in (i2, t1, m3):
        record.refresh_from_db()
        assert record.status == "returned"
    assert i2.review_comment == "口径与上年不一致"
    assert t1.review_comment == "请核对"  # the shared comment where the row has none
    assert m3.review_comment == "请补充佐证"


def test_a_return_without_any_comment_changes_nothing(open_round, queue, users, login):
    client = login(users["coordinator"])
    i2, t1 = queue["I2"], queue["T1"]
    client.post(
        f"/reporting/rounds/{open_round.pk}/review/",
        {
            "observation": [i2.pk, t1.pk],
            "decision": "return",
            f"comment-observation-{i2.pk}": "有意见",
        },
    )
    assert set(Observation.objects.filter(year=2023).values_list("status", flat=True)) == {
        "submitted"
    }


def test_a_selection_is_approved_in_one_step(open_round, queue, users, login):
    client = login(users["coordinator"])
    client.post(
        f"/reporting/rounds/{open_round.pk}/review/",
        {
            "observation": [queue["I2"].pk, queue["T1"].pk],
            "progress": [queue["M3"].pk],
            "decision": "approve",
        },
    )
    assert set(Observation.objects.filter(year=2023).values_list("status", flat=True)) == {
        "approved"
    }
    assert TaskProgress.objects.get().status == "approved"
