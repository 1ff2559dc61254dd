"""/api/annual-targets/ and /api/target-shares/: the rules, filters and versions of the rest."""

from __future__ import annotations

import pytest

from planwatch.web.annual import services
from planwatch.web.history.services import save_tracked
from planwatch.web.reporting.models import AnnualTarget, ShareFigure, TargetShare

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(world):
    services.propose_all(world.plan, world.users["coordinator"])
    return world


def test_annual_targets_are_listed_with_filters(proposed, api):
    answer = api("coordinator").get(
        "/api/annual-targets/", {"plan": proposed.plan.pk, "item": "T1", "year": 2023}
    )
    assert answer.status_code == 200
    (row,) = answer.json()["results"]
    assert (row["item"], row["year"], row["value"], row["state"]) == ("T1", 2023, 152, "proposed")
    # the public sees approved targets of published plans only: none approved yet
    public = api().get("/api/annual-targets/", {"plan": proposed.plan.pk})
    assert public.json()["results"] == []


def test_confirm_then_approve_with_versions_and_a_conflict(proposed, api):
    row = AnnualTarget.objects.get(item__code="T1", year=2023)
    url = f"/api/annual-targets/{row.pk}/"
    assert api("other_reporter").post(url + "confirm/", {}).status_code in (403, 404)
    confirmed = api("reporter").post(url + "confirm/", {"version": 1})  # science leads T1
    assert confirmed.status_code == 200 and confirmed.json()["state"] == "confirmed"
    assert api("reporter").post(url + "approve/", {"version": 2}).status_code == 403
    stale = api("coordinator").post(url + "approve/", {"version": 1})
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    approved = api("coordinator").post(url + "approve/", {"version": 2})
    assert approved.status_code == 200 and approved.json()["state"] == "approved"
    assert api().get(url).json()["value"] == 152  # now public


def test_a_correction_needs_the_version_and_returns_to_proposed(proposed, api):
    row = AnnualTarget.objects.get(item__code="T1", year=2023)
    url = f"/api/annual-targets/{row.pk}/"
    assert api("coordinator").patch(url, {"value": 150}, format="json").status_code == 400
    assert (
        api("reporter").patch(url, {"value": 150, "version": 1}, format="json").status_code == 403
    )
    changed = api("coordinator").patch(url, {"value": 150, "version": 1}, format="json")
    assert changed.status_code == 200 and changed.json()["value"] == 150
    again = api("coordinator").patch(url, {"value": 149, "version": 1}, format="json")
    assert again.status_code == 409
    assert AnnualTarget.objects.get(pk=row.pk).value == 150


def test_only_the_coordinator_creates_a_target(world, api):
    body = {"plan": world.plan.pk, "item": "I2", "year": 2024, "value": 64}
    assert api("reporter").post("/api/annual-targets/", body, format="json").status_code == 403
    made = api("coordinator").post("/api/annual-targets/", body, format="json")
    assert made.status_code == 201 and made.json()["state"] == "proposed"
    wrong = api("coordinator").post("/api/annual-targets/", {**body, "year": 2019}, format="json")
    assert wrong.status_code == 400 and "2019" in wrong.json()["year"][0]


def test_a_department_reports_figures_of_its_own_shares_only(world, api):
    item = world.items["T1"]
    own = save_tracked(
        TargetShare(item=item, holder_kind="area", holder_name="东区",
                    department=world.departments["science"], baseline=40, target=80)
    )  # fmt: skip
    other = save_tracked(
        TargetShare(item=item, holder_kind="area", holder_name="西区",
                    department=world.departments["env"], baseline=60, target=120)
    )  # fmt: skip
    push = {"year": 2022, "value": 50}
    made = api("reporter").post(f"/api/target-shares/{own.pk}/figures/", push, format="json")
    assert made.status_code == 201 and made.json()["figures"][0]["value"] == 50
    twice = api("reporter").post(f"/api/target-shares/{own.pk}/figures/", push, format="json")
    assert twice.status_code == 409
    fixed = api("reporter").post(
        f"/api/target-shares/{own.pk}/figures/", {**push, "value": 51, "version": 1}, format="json"
    )
    assert fixed.status_code == 200
    assert ShareFigure.objects.get(share=own, year=2022).value == 51
    refused = api("reporter").post(f"/api/target-shares/{other.pk}/figures/", push, format="json")
    assert refused.status_code in (403, 404)
    assert not ShareFigure.objects.filter(share=other).exists()
    rows = api("coordinator").get("/api/target-shares/", {"item": "T1"}).json()["results"]
    assert {r["holder_name"] for r in rows} == {"东区", "西区"}


def test_the_schema_names_the_new_endpoints(api):
    schema = api().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "/api/annual-targets/{id}/approve/" in schema["paths"]
    assert "/api/target-shares/{id}/figures/" in schema["paths"]
