"""Pushing and correcting figures through the API: drafts, review, history, bad input, conflicts."""

from __future__ import annotations

import pytest

from planwatch.web.history.models import ChangeRecord
from planwatch.web.reporting.models import Observation

pytestmark = pytest.mark.django_db


def push(world, **fields):
    return {"plan": world.plan.pk, "item": "T1", "year": 2023, "value": 152, **fields}


def test_a_reporters_push_creates_a_draft_with_its_history(world, api):
    response = api("reporter").post(
        "/api/observations/",
        push(world, unit="家", source="县科技局台账", note="含新认定企业"),
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["item"], body["year"], body["value"], body["status"]) == ("T1", 2023, 152, "draft")
    assert body["version"] == 1 and body["round"] == world.open_round.pk
    stored = Observation.objects.get(pk=body["id"])
    assert stored.department == world.departments["science"]
    assert stored.entered_by == world.users["reporter"]
    record = ChangeRecord.objects.get(object_id=stored.pk, content_type__model="observation")
    assert record.action == "create" and record.user == world.users["reporter"]
    assert record.after["source"] == "县科技局台账"


def test_a_push_may_submit_at_once(world, api):
    response = api("reporter").post(
        "/api/observations/", push(world, status="submitted"), format="json"
    )
    assert response.status_code == 201
    assert response.json()["status"] == "submitted"
    actions = ChangeRecord.objects.filter(
        object_id=response.json()["id"], content_type__model="observation"
    ).values_list("action", flat=True)
    assert sorted(actions) == ["create", "submit"]


def test_only_a_reviewer_may_push_an_approved_figure(world, api):
    refused = api("reporter").post(
        "/api/observations/", push(world, status="approved"), format="json"
    )
    assert refused.status_code == 403
    assert not Observation.objects.filter(item__code="T1").exists(), "all or nothing"
    accepted = api("coordinator").post(
        "/api/observations/", push(world, status="approved"), format="json"
    )
    assert accepted.status_code == 201
    assert accepted.json()["status"] == "approved"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"value": None}, "value"),
        ({"value": "很多"}, "value"),
        ({"value": "NaN"}, "value"),
        ({"year": "二〇二三"}, "year"),
        ({"item": "I99"}, "item"),
        ({"plan": 987654}, "plan"),
        ({"unit": "万亩"}, "unit"),  # T1 counts firms (家): no exact conversion
        ({"status": "published"}, "status"),
        ({"period": "Q5"}, "period"),
        ({"year": 2021}, "round"),  # no 2021 round: the client must name one
    ],
)
def test_bad_input_is_a_400_naming_the_field(world, api, fields, field):
    response = api("reporter").post("/api/observations/", push(world, **fields), format="json")
    assert response.status_code == 400
    errors = response.json()
    assert errors.get(field), errors
    assert not Observation.objects.filter(item__code="T1").exists()


def test_a_missing_field_is_named_too(world, api):
    response = api("reporter").post(
        "/api/observations/", {"plan": world.plan.pk, "item": "T1"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"year", "value"}


def test_a_year_outside_the_round_is_refused_by_the_workflow(world, api):
    response = api("reporter").post(
        "/api/observations/", push(world, year=2024, round=world.open_round.pk), format="json"
    )
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_a_convertible_unit_is_accepted(world, api):
    """I1's unit is %, so only T1-style counts fail; money units convert (万元 ↔ 亿元)."""
    item = world.items["T1"]
    item.unit = "亿元"
    item.save()
    response = api("reporter").post("/api/observations/", push(world, unit="万元"), format="json")
    assert response.status_code == 201


def test_pushing_an_existing_figure_without_a_version_is_a_conflict(world, api):
    client = api("other_reporter")
    body = {"plan": world.plan.pk, "item": "I3", "year": 2023, "value": 2.9}
    response = client.post("/api/observations/", body, format="json")
    assert response.status_code == 409
    assert response.json()["current_version"] == 1
    assert response.json()["id"] == world.draft.pk
    assert Observation.objects.get(pk=world.draft.pk).value == 3.1
    updated = client.post("/api/observations/", {**body, "version": 1}, format="json")
    assert updated.status_code == 200
    assert (updated.json()["value"], updated.json()["version"]) == (2.9, 2)


def test_the_second_of_two_concurrent_edits_gets_a_409_and_changes_nothing(world, api):
    url = f"/api/observations/{world.draft.pk}/"
    first = api("other_reporter").patch(url, {"value": 3.0, "version": 1}, format="json")
    second = api("coordinator").patch(url, {"value": 9.9, "version": 1}, format="json")
    assert first.status_code == 200 and first.json()["version"] == 2
    assert second.status_code == 409
    assert second.json()["current_version"] == 2
    assert Observation.objects.get(pk=world.draft.pk).value == 3.0


def test_a_unit_that_cannot_be_converted_is_refused_before_anything_else(world, api):
    client = api("other_reporter")
    body = {"plan": world.plan.pk, "item": "I3", "year": 2023, "value": 3.0, "unit": "吨"}
    assert "unit" in client.post("/api/observations/", body, format="json").json()
    edit = client.patch(
        f"/api/observations/{world.draft.pk}/", {"unit": "吨", "version": 1}, format="json"
    )
    assert edit.status_code == 400 and "unit" in edit.json()
    assert Observation.objects.get(pk=world.draft.pk).version == 1


def test_an_edit_without_a_version_is_refused(world, api):
    response = api("other_reporter").patch(
        f"/api/observations/{world.draft.pk}/", {"value": 3.0}, format="json"
    )
    assert response.status_code == 400
    assert "version" in response.json()


def test_a_patch_keeps_the_fields_it_does_not_name(world, api):
    response = api("other_reporter").patch(
        f"/api/observations/{world.draft.pk}/", {"note": "复核后", "version": 1}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["value"], body["source"], body["note"]) == (3.1, "县统计局", "复核后")


def test_changing_an_approved_figure_needs_a_reason_and_is_logged(world, api):
    url = f"/api/observations/{world.approved.pk}/"
    client = api("coordinator")
    refused = client.patch(url, {"value": 65.8, "version": 1}, format="json")
    assert refused.status_code == 400
    accepted = client.patch(
        url, {"value": 65.8, "version": 1, "reason": "统计年鉴修订"}, format="json"
    )
    assert accepted.status_code == 200
    record = ChangeRecord.objects.get(
        object_id=world.approved.pk, content_type__model="observation", action="update"
    )
    assert (record.before["value"], record.after["value"]) == (65.5, 65.8)
    assert record.reason == "统计年鉴修订"


def test_review_steps_run_through_the_workflow(world, api):
    url = f"/api/observations/{world.draft.pk}"
    assert api("other_reporter").post(f"{url}/submit/").json()["status"] == "submitted"
    no_comment = api("leader").post(f"{url}/return/", {"comment": ""}, format="json")
    assert no_comment.status_code == 400
    returned = api("leader").post(f"{url}/return/", {"comment": "请注明口径"}, format="json")
    assert returned.json()["status"] == "returned"
    assert returned.json()["review_comment"] == "请注明口径"
    api("other_reporter").post(f"{url}/submit/")
    stale = api("coordinator").post(f"{url}/approve/", {"version": 2}, format="json")
    assert stale.status_code == 409
    approved = api("coordinator").post(f"{url}/approve/", {"version": 4}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"


def test_a_batch_is_all_or_nothing_and_names_the_bad_rows(world, api):
    client = api("reporter")
    good = push(world)
    bad = push(world, item="I2", value="x")
    response = client.post("/api/observations/", [good, bad], format="json")
    assert response.status_code == 400
    errors = response.json()
    assert errors[0] == {} and "value" in errors[1]
    assert not Observation.objects.filter(item__code="T1").exists()


def test_a_batch_refused_halfway_writes_nothing(world, api):
    """The second row is I3, which the science bureau does not lead: 403, and T1 is rolled back."""
    rows = [push(world), push(world, item="I3", value=2.0)]
    response = api("reporter").post("/api/observations/", rows, format="json")
    assert response.status_code == 403
    assert response.json()["index"] == 1
    assert not Observation.objects.filter(item__code="T1").exists()


def test_a_batch_of_good_rows_is_written(world, api):
    rows = [
        push(world),
        {
            "plan": world.plan.pk,
            "item": "I2",
            "year": 2023,
            "value": 65.6,
            "version": 1,
            "reason": "更正",
        },
    ]
    response = api("coordinator").post("/api/observations/", rows, format="json")
    assert response.status_code == 201
    assert [r["item"] for r in response.json()] == ["T1", "I2"]
    assert Observation.objects.get(pk=world.approved.pk).value == 65.6
