"""The OpenAPI schema, the local docs pages, and the ways to authenticate."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db

ENDPOINTS = (
    "/api/plans/",
    "/api/plans/{id}/assessment/",
    "/api/items/",
    "/api/tasks/",
    "/api/departments/",
    "/api/assignments/",
    "/api/rounds/",
    "/api/observations/",
    "/api/observations/{id}/",
    "/api/observations/{id}/approve/",
    "/api/auth/token/",
)


def test_the_schema_describes_every_endpoint_and_the_push(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(ENDPOINTS) <= set(schema["paths"])
    push = schema["paths"]["/api/observations/"]["post"]
    assert {"201", "400", "403", "409"} <= set(push["responses"])
    body = schema["components"]["schemas"]["ObservationPush"]
    assert {"plan", "item", "year", "value"} <= set(body["required"])
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_the_assessment_schema_matches_what_the_endpoint_returns(world, api, client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    components = schema["components"]["schemas"]
    body = api("coordinator").get(f"/api/plans/{world.plan.pk}/assessment/").json()
    assert set(body) == set(components["PlanAssessment"]["properties"])
    assert set(body["indicators"][0]) == set(components["ItemAssessment"]["properties"])
    checks = components["ItemAssessment"]["properties"]["word_checks"]["items"]
    assert checks["$ref"].endswith("/WordCheck")  # targets in words beside a number
    assert {"text", "kind", "status", "explanation"} <= set(components["WordCheck"]["properties"])


def test_the_docs_page_loads_nothing_from_outside(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("drf_spectacular_sidecar/swagger-ui-dist" in s for s in sources)
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))], sources
    # the start-up script is a file of its own (no inline script under the policy)
    script = client.get("/api/docs/?script=").content.decode()
    assert '"validatorUrl": null' in script  # no badge fetched from swagger.io


def test_a_token_from_the_management_command_works_and_can_be_reset(world, users):
    out = StringIO()
    call_command("create_api_token", "reporter", stdout=out)
    key = out.getvalue().strip()
    assert Token.objects.get(user=users["reporter"]).key == key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/items/").json()["count"] == 2  # the science bureau's items only
    call_command("create_api_token", "reporter", "--reset", stdout=StringIO())
    assert client.get("/api/items/").status_code == 401
    with pytest.raises(CommandError, match="no user"):
        call_command("create_api_token", "nobody", stdout=StringIO())


def test_a_wrong_token_is_refused_not_treated_as_anonymous(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")
    assert client.get("/api/plans/").status_code == 401


def test_a_token_is_issued_for_a_password_and_guessing_is_locked_out(world, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    client = APIClient()
    issued = client.post(
        "/api/auth/token/", {"username": "leader", "password": PASSWORD}, format="json"
    )
    assert issued.status_code == 200
    assert issued.json()["token"] == Token.objects.get(user__username="leader").key
    for _ in range(3):
        wrong = client.post(
            "/api/auth/token/", {"username": "leader", "password": "guess"}, format="json"
        )
        assert wrong.status_code == 400
    locked = client.post(
        "/api/auth/token/", {"username": "leader", "password": PASSWORD}, format="json"
    )
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == settings.LOGIN_LOCK_MINUTES * 60


def test_a_browser_session_works_and_its_writes_need_the_csrf_token(world, users):
    client = APIClient(enforce_csrf_checks=True)
    client.get("/accounts/login/")  # the sign-in page sets the CSRF cookie
    client.force_login(users["reporter"])
    assert client.get("/api/items/").json()["count"] == 2
    body = {"plan": world.plan.pk, "item": "T1", "year": 2023, "value": 150}
    assert client.post("/api/observations/", body, format="json").status_code == 403
    csrf = client.cookies["csrftoken"].value
    response = client.post("/api/observations/", body, format="json", HTTP_X_CSRFTOKEN=csrf)
    assert response.status_code == 201


def test_anonymous_clients_are_throttled(world, settings):
    from django.core.cache import cache

    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "100/minute"},
    }
    cache.clear()
    client = APIClient()
    codes = [client.get("/api/plans/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_a_signed_in_browser_gets_json_and_reads_the_api_at_docs(world, users):
    """DRF's browsable pages need inline scripts and styles (refused by the policy) and speak
    English: a browser gets the JSON; people read the API in Swagger UI at /api/docs/."""
    client = APIClient()
    client.force_login(users["coordinator"])
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    for path in ("/api/", "/api/observations/", f"/api/observations/{world.draft.pk}/"):
        response = client.get(path, HTTP_ACCEPT=browser)
        assert response.status_code == 200, path
        assert response["Content-Type"] == "application/json"
