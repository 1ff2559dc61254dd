"""A form sent with a stale security token comes back filled in, with a fresh token, and nothing
is saved until the person sends it again."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from planwatch.web.reporting.models import Observation

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict(users):
    """A browser that sends what a real one would: the session cookie, no valid token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["reporter"])
    return client


def token_in(html: str) -> str:
    field = re.search(r'<input[^>]*name="csrfmiddlewaretoken"[^>]*>', html).group()
    return re.search(r'value="([^"]+)"', field).group(1)


def test_the_form_is_shown_again_with_what_was_typed_and_a_fresh_token(open_round, strict):
    address = f"/reporting/rounds/{open_round.pk}/items/T1/"
    typed = {"value": "160", "unit": "家", "source": "县科技局台账", "note": "第一行\n第二行"}
    response = strict.post(address, {**typed, "csrfmiddlewaretoken": "stale"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "页面已过期" in html and "您填写的内容已保留" in html
    assert 'value="160"' in html and 'value="县科技局台账"' in html
    assert ">第一行\n第二行</textarea>" in html
    assert not Observation.objects.exists()  # the stale request changed nothing
    # the page's new token is good: sending the form again saves it
    again = strict.post(address, {**typed, "csrfmiddlewaretoken": token_in(html)})
    assert again.status_code == 302
    assert Observation.objects.get(item__code="T1").source == "县科技局台账"


def test_a_form_posted_to_another_address_is_found_on_the_page_it_came_from(
    open_round, strict, users
):
    """The submit confirmation posts to its own address: that page is shown again, filled."""
    from planwatch.web.reporting.services import workflow

    item = open_round.plan.items.get(code="I2")
    workflow.record_observation(users["reporter"], open_round, item, value=61)
    round_page = f"/reporting/rounds/{open_round.pk}/"
    response = strict.post(
        f"/reporting/rounds/{open_round.pk}/submit/",
        {"csrfmiddlewaretoken": "stale"},
        HTTP_REFERER=f"http://testserver{round_page}",
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "页面已过期" in html and "确认报送" in html


def test_without_a_form_to_refill_the_typed_text_is_listed_to_copy(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["coordinator"])
    response = client.post("/reporting/evidence/999/remove/", {"reason": "文件有误，请删除"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "页面已过期" in html and "文件有误，请删除" in html
    assert "DEBUG" not in html and "CSRF" not in html


def test_a_password_is_never_written_back(users):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "reporter", "password": "secret-typed"})
    html = response.content.decode()
    assert response.status_code == 403 and 'value="reporter"' in html
    assert "secret-typed" not in html
