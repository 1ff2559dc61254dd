"""Security headers on every page, sessions of one working day, no inline script or style."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import planwatch.web
from planwatch.assess.status import BY_CODE, OUTLOOKS
from planwatch.web.reporting.choices import REVIEW_COLOURS

WEB = Path(planwatch.web.__file__).parent


@pytest.mark.django_db
def test_every_page_carries_a_strict_policy(client):
    response = client.get("/public/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_template_has_inline_script_style_or_handler():
    offending = []
    for template in WEB.glob("*/templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for pattern in (
            r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>",
            r"<style\b",
            r"\sstyle=",
            r"\son[a-z]+=",
        ):
            if re.search(pattern, text):
                offending.append(f"{template.relative_to(WEB)}: {pattern}")
    assert not offending


def test_status_colours_in_the_stylesheet_are_the_assessments_own():
    css = (WEB / "static/planwatch/site.css").read_text(encoding="utf-8")
    expected = {f".status-{c}": ("background", s.colour) for c, s in BY_CODE.items()}
    expected |= {f".outlook-{c}": ("color", o.colour) for c, o in OUTLOOKS.items()}
    expected |= {f".review-{c}": ("background", colour) for c, colour in REVIEW_COLOURS.items()}
    for selector, (prop, colour) in expected.items():
        assert re.search(rf"{re.escape(selector)} \{{ {prop}: {colour}; \}}", css), selector


def _settings(**env) -> str:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PLANWATCH_")}
    environment.update(env, PLANWATCH_SECRET_KEY="k" * 50, DJANGO_SETTINGS_MODULE="x")
    code = (
        "import planwatch.web.settings as s;"
        "print(s.SESSION_COOKIE_AGE, s.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_session_lasts_a_working_day_and_ends_with_the_browser(tmp_path):
    assert _settings(PLANWATCH_DATA_DIR=str(tmp_path)) == f"{9 * 3600} True"
    changed = _settings(
        PLANWATCH_DATA_DIR=str(tmp_path),
        PLANWATCH_SESSION_HOURS="2.5",
        PLANWATCH_SESSION_BROWSER_CLOSE="0",
    )
    assert changed == f"{int(2.5 * 3600)} False"


@pytest.mark.django_db
def test_the_session_cookie_has_no_lifetime_of_its_own(users, client):
    from tests.web.conftest import PASSWORD

    client.post("/accounts/login/", {"username": "reporter", "password": PASSWORD})
    cookie = client.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # gone when the browser closes
    assert client.session.get_expiry_age() == 9 * 3600


@pytest.mark.django_db
def test_every_page_names_its_icon_so_the_browser_does_not_ask_for_a_missing_favicon(client):
    """Found in the QA pass: each first visit logged a 404 for /favicon.ico in the console."""
    from django.contrib.staticfiles import finders

    page = client.get("/public/").content.decode()
    icon = re.search(r'<link rel="icon" href="/static/([^"]+)"', page)
    assert icon is not None
    assert finders.find(re.sub(r"\.[0-9a-f]{12}\.svg$", ".svg", icon.group(1))) is not None


@pytest.mark.django_db
def test_the_language_switch_names_each_language_in_its_own_words(client):
    """Found in the QA pass: a Chinese page offered English as 英语, which an English reader
    cannot find; the English page offers 简体中文 the same way."""
    options = re.findall(
        r'<option value="([\w-]+)" lang="[\w-]+"[^>]*>([^<]+)</option>',
        "".join(
            client.get("/public/")
            .content.decode()
            .split('id="language"', 1)[1]
            .split("</select>")[:1]
        ),
    )
    assert options == [("zh-hans", "简体中文"), ("en", "English")]
    client.cookies["django_language"] = "en"
    page = client.get("/public/").content.decode()
    assert '<option value="zh-hans" lang="zh-hans">简体中文</option>' in page
