"""Each app's English catalogue (``<app>/locale/en``): complete, compiled, each string once, and
the language switch still turns the pages English."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from tests.web.dashboard.test_translations import WEB, catalogue, msgids

APPS = sorted(p.parent.parent.parent.name for p in WEB.glob("*/locale/en/LC_MESSAGES"))


def test_every_web_app_has_its_own_catalogue():
    web_apps = {a.rsplit(".", 1)[1] for a in settings.INSTALLED_APPS if a.startswith("planwatch.")}
    assert set(APPS) == web_apps
    assert not (WEB / "locale").exists()  # no shared catalogue left at the top


@pytest.mark.parametrize("app", APPS)
def test_every_string_has_a_compiled_english_translation(app):
    keys = (k[0] if isinstance(k, tuple) else k for k, v in catalogue(app).items() if v)
    translated = {k.split("\x04")[-1] for k in keys}  # without a msgctxt
    missing = sorted(msgids(app) - translated)
    assert not missing, f"untranslated, fuzzy or not compiled in {app}: {missing[:5]}"


@pytest.mark.parametrize("app", APPS)
def test_no_translation_repeats_itself(app):
    for english in catalogue(app).values():
        assert not re.fullmatch(r"(.{10,}?)\1+", english, re.S), english


def test_the_strings_of_the_moved_pages_are_in_their_apps_catalogues():
    assert "冲突" in msgids("reporting")
    assert "纲要结构" in msgids("plans")
    assert "已保存评估意见。" in msgids("evaluation")  # the notes page moved there


def test_english_through_the_switch(plan, users, login):
    client = login(users["coordinator"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Reporting round" in page and "报送轮次" not in page
    listing = client.get("/plans/").content.decode()
    assert "Import" in listing


def test_an_english_request_leaves_the_thread_in_the_language_it_found(plan, users, login):
    from django.utils import translation
    from django.utils.translation import gettext

    client = login(users["coordinator"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    translation.deactivate()
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Reporting round" in page  # the request itself was English
    assert translation.get_language() == settings.LANGUAGE_CODE  # nothing active: the default
    assert gettext("报送轮次") == "报送轮次"  # later work in the thread is Chinese again
    with translation.override("zh-hans"):
        client.get("/plans/")
        assert translation.get_language() == "zh-hans"  # an active language comes back as it was
