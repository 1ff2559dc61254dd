"""The API's permission matrix: role × endpoint × method, through HTTP with real tokens.

Expected answers are written by hand from issue 4's roles and the fixture's assignments
(science leads I2, T1, M1, M2; environment leads I3, M3, M4 and supports I2, M1; the
coordinator's bureau leads I1). 404 means the row does not exist for that caller.
"""

from __future__ import annotations

import pytest

from planwatch.web.reporting.models import Observation

pytestmark = pytest.mark.django_db

ANON = "anonymous"
ALL = ("admin", "coordinator", "reporter", "other_reporter", "leader", "evaluator", ANON)


def expect(default: int, **special: int) -> dict[str, int]:
    return {role: special.get(role, default) for role in ALL}


# How many rows each role lists (anonymous: published plan and rounds only).
LIST_COUNTS = {
    "/api/plans/": expect(1),
    "/api/departments/": expect(3),
    "/api/items/": expect(4, reporter=2, other_reporter=2),
    "/api/tasks/": expect(4, reporter=2, other_reporter=3),
    "/api/assignments/": expect(10, reporter=4, other_reporter=5),
    "/api/rounds/": expect(2, anonymous=1),
    "/api/observations/": expect(4, reporter=2, other_reporter=3, anonymous=1),
}


@pytest.mark.parametrize("role", ALL)
@pytest.mark.parametrize("path", list(LIST_COUNTS))
def test_each_role_lists_exactly_the_rows_it_may_see(world, api, path, role):
    response = api(None if role == ANON else role).get(path)
    assert response.status_code == 200
    assert response.json()["count"] == LIST_COUNTS[path][role], (path, role)


def _push(world):
    return (
        "post",
        "/api/observations/",
        {"plan": world.plan.pk, "item": "T1", "year": 2023, "value": 150, "unit": "家"},
    )


def _edit_draft(world):
    return "patch", f"/api/observations/{world.draft.pk}/", {"value": 3.0, "version": 1}


def _submit_draft(world):
    return "post", f"/api/observations/{world.draft.pk}/submit/", {}


def _approve_submitted(world):
    return "post", f"/api/observations/{world.submitted.pk}/approve/", {}


def _return_submitted(world):
    return "post", f"/api/observations/{world.submitted.pk}/return/", {"comment": "请核实口径"}


def _delete_figure(world):
    return "delete", f"/api/observations/{world.draft.pk}/", None


def _create_plan(world):
    return "post", "/api/plans/", {"title": "新规划"}


def _change_item(world):
    return "patch", f"/api/items/{world.items['I2'].pk}/", {"name": "改名"}


REVIEWERS_ONLY = expect(
    403, admin=200, coordinator=200, leader=200, reporter=404, other_reporter=404, anonymous=401
)

WRITES = [
    # push a new figure for T1 (science leads it)
    (_push, expect(403, admin=201, coordinator=201, reporter=201, anonymous=401)),
    # correct the environment bureau's draft of I3 (science cannot even see it)
    (
        _edit_draft,
        expect(403, admin=200, coordinator=200, other_reporter=200, reporter=404, anonymous=401),
    ),
    (
        _submit_draft,
        expect(403, admin=200, coordinator=200, other_reporter=200, reporter=404, anonymous=401),
    ),
    # the I1 figure is the coordinator bureau's: no reporter sees it; reviewers approve
    (_approve_submitted, REVIEWERS_ONLY),
    (_return_submitted, REVIEWERS_ONLY),
    # nothing is deleted and plan content is not written through the API
    (_delete_figure, expect(405, anonymous=401)),
    (_create_plan, expect(405, anonymous=401)),
    (_change_item, expect(405, anonymous=401)),
]


@pytest.mark.parametrize("role", ALL)
@pytest.mark.parametrize(
    ("request_for", "expected"), WRITES, ids=lambda v: getattr(v, "__name__", None)
)
def test_each_role_may_write_exactly_what_the_rules_allow(world, api, request_for, expected, role):
    method, path, body = request_for(world)
    before = {o.pk: (o.version, o.status, o.value) for o in Observation.all_objects.all()}
    response = getattr(api(None if role == ANON else role), method)(path, body, format="json")
    assert response.status_code == expected[role], (role, method, path, response.content)
    after = {o.pk: (o.version, o.status, o.value) for o in Observation.all_objects.all()}
    if response.status_code >= 400:
        assert after == before, "a refused request changed nothing"
    else:
        assert after != before


def test_an_anonymous_write_is_told_to_authenticate_with_a_token(world, api):
    response = api().post("/api/observations/", {}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_reporter_cannot_push_once_the_round_is_closed(world, api):
    round = world.open_round
    round.status = "closed"
    round.save()
    response = api("reporter").post(
        "/api/observations/",
        {"plan": world.plan.pk, "item": "T1", "year": 2023, "value": 150},
        format="json",
    )
    assert response.status_code == 403
    assert "未开放" in response.json()["detail"]
    assert not Observation.objects.filter(item__code="T1").exists()


def test_an_unpublished_plan_is_invisible_to_the_public(world, api):
    world.plan.is_published = False
    world.plan.save()
    anonymous = api()
    assert anonymous.get("/api/plans/").json()["count"] == 0
    assert anonymous.get("/api/items/").json()["count"] == 0
    assert anonymous.get("/api/observations/").json()["count"] == 0
    assert anonymous.get(f"/api/plans/{world.plan.pk}/").status_code == 404
    assert anonymous.get(f"/api/plans/{world.plan.pk}/assessment/").status_code == 404


def test_the_public_does_not_see_who_entered_or_reviewed_a_figure(world, api):
    public = api().get(f"/api/observations/{world.published.pk}/").json()
    staff = api("leader").get(f"/api/observations/{world.published.pk}/").json()
    assert public["value"] == 62.0
    assert "review_comment" not in public and "entered_by" not in public
    assert "review_comment" in staff and "entered_by" in staff
