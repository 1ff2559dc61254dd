"""The English catalogue of the report downloads: complete and compiled; the page follows it."""

from __future__ import annotations

import pytest

from tests.web.dashboard.test_translations import catalogue, msgids

from .test_downloads import docx_text


def test_every_string_has_a_compiled_english_translation():
    translated = {k for k, v in catalogue("evaluation").items() if v}
    missing = sorted(msgids("evaluation") - translated)
    assert not missing, f"untranslated, fuzzy or not compiled: {missing[:5]}"
    assert "评估报告下载" in translated


@pytest.mark.django_db
def test_the_page_and_its_link_read_in_english(reported, users, login):
    client = login(users["coordinator"])
    client.cookies["django_language"] = "en"
    plan = reported.plan
    page = client.get(f"/evaluation/plans/{plan.pk}/reports/?year=2023").content.decode()
    assert "Report downloads" in page and "Mid-term evaluation report" in page
    assert "Report downloads" in client.get(f"/plans/{plan.pk}/").content.decode()
    # The files stay Chinese: an English reader gets the same Chinese draft.
    english = client.get(f"/evaluation/plans/{plan.pk}/reports/annual.docx?year=2023")
    client.cookies["django_language"] = "zh-hans"
    chinese = client.get(f"/evaluation/plans/{plan.pk}/reports/annual.docx?year=2023")
    assert docx_text(english.content) == docx_text(chinese.content)
    assert "四、存在的问题" in docx_text(english.content)
    assert english["Content-Disposition"] == chinese["Content-Disposition"]
