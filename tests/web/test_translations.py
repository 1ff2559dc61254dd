"""The English catalogue of the core pages: complete, compiled, and each string once."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import planwatch.web

LOCALE = Path(planwatch.web.__file__).parent / "locale/en/LC_MESSAGES"


def _msgids() -> set[str]:
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    ids = set()
    for block in re.findall(r'^msgid ((?:".*"\n)+)', text, re.M):
        joined = "".join(re.findall(r'"(.*)"', block))
        ids.add(joined.replace('\\"', '"').replace("\\n", "\n"))
    ids.discard("")
    return ids


def _compiled() -> dict:
    with open(LOCALE / "django.mo", "rb") as fh:
        return gettext.GNUTranslations(fh)._catalog


def test_every_core_string_has_a_compiled_english_translation():
    keys = (k[0] if isinstance(k, tuple) else k for k, v in _compiled().items() if v)
    translated = {k.split("\x04")[-1] for k in keys}  # without a msgctxt
    missing = sorted(_msgids() - translated)
    assert not missing, f"untranslated, fuzzy or not compiled: {missing[:5]}"
    assert "冲突" in translated and "纲要结构" in translated  # strings this catalogue must hold


def test_no_core_translation_repeats_itself():
    for english in _compiled().values():
        assert not re.fullmatch(r"(.{10,}?)\1+", english, re.S), english
