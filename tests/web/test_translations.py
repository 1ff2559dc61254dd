"""The English catalogue of the core pages: complete, compiled, and each string once.

Reads the catalogue with the dashboard tests' helpers; the core catalogue is the one at the
top of ``planwatch/web`` (app name "").
"""

from __future__ import annotations

import re

from tests.web.dashboard.test_translations import catalogue, msgids

CORE = ""


def test_every_core_string_has_a_compiled_english_translation():
    keys = (k[0] if isinstance(k, tuple) else k for k, v in catalogue(CORE).items() if v)
    translated = {k.split("\x04")[-1] for k in keys}  # without a msgctxt
    missing = sorted(msgids(CORE) - translated)
    assert not missing, f"untranslated, fuzzy or not compiled: {missing[:5]}"
    assert "冲突" in translated and "纲要结构" in translated  # strings this catalogue must hold


def test_no_core_translation_repeats_itself():
    for english in catalogue(CORE).values():
        assert not re.fullmatch(r"(.{10,}?)\1+", english, re.S), english
