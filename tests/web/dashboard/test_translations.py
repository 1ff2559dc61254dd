"""The English catalogues of the progress pages: complete, compiled, and each string once."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest

import planwatch.web

APPS = ("dashboard", "portal")
WEB = Path(planwatch.web.__file__).parent


def catalogue(app: str) -> dict[str, str]:
    with open(WEB / app / "locale/en/LC_MESSAGES/django.mo", "rb") as fh:
        return gettext.GNUTranslations(fh)._catalog


def msgids(app: str) -> set[str]:
    text = (WEB / app / "locale/en/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    ids = set()
    for block in re.findall(r'^msgid ((?:".*"\n)+)', text, re.M):
        text = "".join(re.findall(r'"(.*)"', block))
        ids.add(text.replace('\\"', '"').replace("\\n", "\n"))
    ids.discard("")
    return ids


@pytest.mark.parametrize("app", APPS)
def test_every_string_has_an_english_translation_in_the_compiled_file(app):
    compiled = catalogue(app)
    translated = {k[0] if isinstance(k, tuple) else k for k, v in compiled.items() if v}
    missing = {m for m in msgids(app) if m not in translated}
    assert not missing, f"untranslated or not compiled in {app}: {sorted(missing)[:5]}"


@pytest.mark.parametrize("app", APPS)
def test_no_translation_repeats_itself(app):
    for english in catalogue(app).values():
        assert not re.fullmatch(r"(.{10,}?)\1+", english, re.S), english
