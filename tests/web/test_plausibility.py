"""Plausibility at every web entry point (issue 9 §8): one check in record_observation refuses
an impossible value on the form, the Excel upload and the API, and asks to confirm an unusual
jump, which is then stored flagged for the reviewer. Values and expectations written by hand."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from planwatch.web.plans.models import MeasurableItem
from planwatch.web.reporting.models import Observation
from planwatch.web.reporting.services import workflow

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form(client, round, code, **fields):
    url = reverse("reporting:observation", args=[round.pk, code])
    return client.post(url, {"unit": "", "source": "", "note": "", "reason": "", **fields})


@pytest.mark.parametrize(
    ("code", "value", "expected"),
    [
        ("I2", "130", "I2 常住人口城镇化率 2023年的数值130超出比重的取值范围0—100%"),
        ("T1", "-5", "T1 高新技术企业数量 2023年的数值-5不能为负数"),
        ("I2", "1e308", "“1e308”不是数字"),  # the parser refuses it before the check
    ],
)
def test_the_form_refuses_an_impossible_value(open_round, users, login, code, value, expected):
    response = _form(login(users["reporter"]), open_round, code, value=value)
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not Observation.objects.exists()


def test_the_excel_upload_refuses_a_share_above_100(open_round, users, login):
    client = login(users["reporter"])
    response = client.get(f"/reporting/rounds/{open_round.pk}/template.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.active
    rows = {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value}
    ws.cell(rows["I2"], 5).value = 130
    buffer = io.BytesIO()
    wb.save(buffer)
    file = SimpleUploadedFile("filled.xlsx", buffer.getvalue(), content_type=XLSX)
    response = client.post(f"/reporting/rounds/{open_round.pk}/upload/", {"file": file})
    (problem,) = response.context["problems"]
    assert problem.row == rows["I2"]
    assert "超出比重的取值范围0—100%" in problem.reason
    assert not Observation.objects.exists()


@pytest.mark.parametrize(
    ("item", "value", "expected"),
    [("I2", 130, "超出比重的取值范围"), ("T1", -5, "不能为负数"), ("T1", 1e308, "超过15位")],
)
def test_the_api_refuses_an_impossible_value(open_round, users, item, value, expected):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(users["reporter"])
    body = {"plan": open_round.plan.pk, "item": item, "year": 2023, "value": value}
    response = api.post("/api/observations/", body, format="json")
    assert response.status_code == 400, response.content
    assert expected in response.json()["value"][0]
    assert not Observation.objects.exists()


def test_an_api_refusal_reads_in_english_when_asked(open_round, users, settings):
    from rest_framework.test import APIClient

    api = APIClient()
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    api.force_authenticate(users["reporter"])
    body = {"plan": open_round.plan.pk, "item": "I2", "year": 2023, "value": 130}
    response = api.post("/api/observations/", body, format="json")
    assert response.status_code == 400
    assert "is outside 0–100 %" in response.json()["value"][0]


def _last_year(round, users, value=100):
    item = MeasurableItem.objects.get(plan=round.plan, code="T1")
    return workflow.record_observation(users["reporter"], round, item, value=value, year=2022)


def test_a_jump_on_the_form_asks_to_confirm_then_is_stored_flagged(open_round, users, login):
    _last_year(open_round, users)  # 100 家 in 2022
    client = login(users["reporter"])
    asked = _form(client, open_round, "T1", value="400")  # ×4: unusual
    page = asked.content.decode()
    assert "较2022年的100家变化异常" in page
    assert 'type="checkbox" name="confirmed"' in page
    assert not Observation.objects.filter(year=2023).exists()
    saved = _form(client, open_round, "T1", value="400", confirmed="on")
    assert saved.status_code == 302
    stored = Observation.objects.get(year=2023)
    assert stored.value == 400
    assert "变化异常" in stored.plausibility_flag


def test_a_jump_through_the_api_needs_confirmed_true(open_round, users):
    from rest_framework.test import APIClient

    _last_year(open_round, users)
    api = APIClient()
    api.force_authenticate(users["reporter"])
    body = {"plan": open_round.plan.pk, "item": "T1", "year": 2023, "value": 30}  # ÷3.3
    refused = api.post("/api/observations/", body, format="json")
    assert refused.status_code == 400
    assert "变化异常" in refused.json()["value"][0]
    accepted = api.post("/api/observations/", {**body, "confirmed": True}, format="json")
    assert accepted.status_code == 201, accepted.content
    assert "变化异常" in Observation.objects.get(year=2023).plausibility_flag


def test_an_ordinary_change_is_not_flagged(open_round, users):
    _last_year(open_round, users)
    item = MeasurableItem.objects.get(plan=open_round.plan, code="T1")
    obs = workflow.record_observation(users["reporter"], open_round, item, value=130)
    assert obs.plausibility_flag == ""
    assert obs.basis == "annual"


def test_the_reviewer_sees_the_flag_in_the_queue_and_on_the_figure(open_round, users, login):
    _last_year(open_round, users)
    item = MeasurableItem.objects.get(plan=open_round.plan, code="T1")
    obs = workflow.record_observation(
        users["reporter"], open_round, item, value=400, confirmed=True
    )
    workflow.submit(users["reporter"], [obs])
    client = login(users["coordinator"])
    queue = client.get(reverse("reporting:round", args=[open_round.pk])).content.decode()
    assert "请复核：T1 高新技术企业数量 2023年为400家" in queue
    page = client.get(reverse("reporting:observation", args=[open_round.pk, "T1"]))
    assert "请复核：" in page.content.decode()
    # the queue's 2023：/请复核： in English as "2023: " and "Please check: " (the QA pass)
    assert "2023：<strong>400</strong>" in queue and "2022：" in queue
    client.cookies["django_language"] = "en"
    english = client.get(reverse("reporting:round", args=[open_round.pk])).content.decode()
    assert "2023: <strong>400</strong>" in english and "2022: " in english
    assert "Please check: " in english and "2023：" not in english


def test_the_flag_is_stored_as_a_code_and_read_in_the_reviewers_language(open_round, users, login):
    _last_year(open_round, users)
    item = MeasurableItem.objects.get(plan=open_round.plan, code="T1")
    obs = workflow.record_observation(
        users["reporter"], open_round, item, value=400, confirmed=True
    )
    assert obs.plausibility_code == "plausibility.jump"
    assert obs.plausibility_params["previous"] == "100" and obs.plausibility_params["year"] == 2023
    workflow.submit(users["reporter"], [obs])
    client = login(users["coordinator"])
    client.cookies["django_language"] = "en"
    queue = client.get(reverse("reporting:round", args=[open_round.pk])).content.decode()
    assert "T1 高新技术企业数量 2023: 400 家 against 100 家 in 2022 is an unusual change" in queue
    assert "变化异常" not in queue
