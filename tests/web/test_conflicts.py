"""Two people edit the same record: the second gets a conflict, never a silent overwrite."""

from __future__ import annotations

import pytest
from django.test import Client

from planwatch.web.history.models import ChangeRecord
from planwatch.web.plans.models import MeasurableItem
from planwatch.web.reporting.models import Observation

pytestmark = pytest.mark.django_db


def test_the_second_of_two_item_editors_is_told_and_changes_nothing(plan, users):
    item = MeasurableItem.objects.get(plan=plan, code="I2")
    first, second = Client(), Client()
    first.force_login(users["coordinator"])
    second.force_login(users["admin"])
    url = f"/plans/{plan.pk}/items/I2/edit/"
    form_first = first.get(url).context["form"]
    form_second = second.get(url).context["form"]

    def post(client, form, **changes):
        data = {k: ("" if v is None else v) for k, v in form.initial.items()}
        data.update(changes)
        return client.post(url, data)

    assert post(first, form_first, target_value="66", reason="上级下达").status_code == 302
    response = post(second, form_second, target_value="70")
    assert response.status_code == 200
    assert "已被他人修改" in response.content.decode()
    item.refresh_from_db()
    assert item.target_value == 66 and item.version == 2
    change = ChangeRecord.objects.get(content_type__model="measurableitem", action="update")
    assert (change.before["target_value"], change.after["target_value"]) == (65.0, 66.0)
    assert change.user == users["coordinator"] and change.reason == "上级下达"


def test_a_stale_figure_form_does_not_overwrite_a_newer_figure(open_round, users, login):
    client = login(users["reporter"])
    url = f"/reporting/rounds/{open_round.pk}/items/I2/"
    client.post(url, {"value": "61"})
    obs = Observation.objects.get()
    client.post(url, {"value": "62", "version": obs.version})  # first tab saves
    response = client.post(url, {"value": "63", "version": obs.version})  # second tab, stale
    assert response.status_code == 200
    assert "已被他人修改" in response.content.decode()
    obs.refresh_from_db()
    assert (obs.value, obs.version) == (62, 2)
