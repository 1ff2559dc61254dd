"""Error pages: the site's layout and navigation, the visitor's language, a reason, a way back."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

from planwatch.web.history.services import save_tracked
from planwatch.web.reporting.models import Observation

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return response.content.decode()


def in_layout(html: str) -> bool:
    return 'nav class="main"' in html and 'href="/public/"' in html and "回到首页" in html


def test_404_in_the_layout_in_chinese_and_in_english(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert in_layout(page(response)) and "页面不存在" in page(response)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    english = page(client.get("/no/such/page/"))
    assert "Page not found" in english and "页面不存在" not in english


def test_403_says_why_and_offers_a_way_back(users, login):
    client = login(users["leader"])
    response = client.get("/accounts/users/new/", HTTP_REFERER="http://testserver/plans/")
    assert response.status_code == 403
    html = page(response)
    assert in_layout(html)
    assert "只有系统管理员可以管理用户。" in html
    assert 'href="/plans/"' in html  # 返回上一页: the same-site page the visitor came from


def test_a_refused_figure_names_the_rule(open_round, users, login):
    # the environment bureau supports I2 but does not lead it: only the lead department reports
    client = login(users["other_reporter"])
    response = client.post(
        f"/reporting/rounds/{open_round.pk}/items/I2/", {"value": "61", "unit": "%"}
    )
    assert response.status_code == 403
    assert "该指标未由您的部门牵头填报。" in page(response)
    assert not Observation.objects.exists()


def test_a_foreign_referer_is_never_offered_as_the_way_back(users, login):
    client = login(users["leader"])
    html = page(client.get("/accounts/users/new/", HTTP_REFERER="https://evil.example/x"))
    assert "evil.example" not in html and "返回上一页" not in html


def test_400_for_a_bad_host_is_a_page_in_the_layout(client):
    response = client.get(
        "/public/", HTTP_HOST="evil.example", HTTP_REFERER="http://evil.example/public/"
    )
    assert response.status_code == 400
    assert "请求无法处理" in page(response)


def test_an_upload_over_the_limit_is_413_naming_the_limit(open_round, users, login, settings):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = login(users["reporter"])
    response = client.post(
        f"/reporting/rounds/{open_round.pk}/items/T1/", {"note": "长" * 2000, "value": "1"}
    )
    assert response.status_code == 413
    assert "一次最多可上传 1 MB" in page(response) and in_layout(page(response))


def test_500_is_chinese_in_the_layout_and_shows_no_traceback(settings):
    settings.ROOT_URLCONF = "tests.web.error_urls"
    client = Client(raise_request_exception=False)
    response = client.get("/failing/")
    assert response.status_code == 500
    html = page(response)
    assert "服务器出错了" in html and in_layout(html)
    assert "Traceback" not in html and "a bug in a view" not in html


def test_500_without_a_database_falls_back_to_a_plain_page(settings):
    """The layout reads the database; if that is what failed, the page still answers."""
    settings.ROOT_URLCONF = "tests.web.error_urls"
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {"context_processors": ["tests.web.error_urls_db.gone"]},
        }
    ]
    response = Client(raise_request_exception=False).get("/failing/")
    assert response.status_code == 500
    assert "服务器出错了" in page(response) and "Traceback" not in page(response)


def test_the_leader_sees_no_upload_or_template_buttons(open_round, users, login):
    html = page(login(users["leader"]).get(f"/reporting/rounds/{open_round.pk}/"))
    assert "上传填报模板" not in html and "下载 Excel 填报模板" not in html
    reporter = page(login(users["reporter"]).get(f"/reporting/rounds/{open_round.pk}/"))
    assert "上传填报模板" in reporter and "下载 Excel 填报模板" in reporter


def test_the_history_names_fields_as_the_forms_do(open_round, users, login):
    obs = save_tracked(
        Observation(
            round=open_round,
            item=open_round.plan.items.get(code="T1"),
            year=2023,
            value=150,
            unit="家",
            department=users["reporter"].department,
            submitted_at=timezone.now(),
        )
    )
    obs.value, obs.source = 160, "县科技局"
    save_tracked(obs, user=users["coordinator"])
    html = page(login(users["coordinator"]).get(f"/history/reporting.observation/{obs.pk}/"))
    assert "<dt>数值</dt><dd><del>150</del> → <ins>160</ins></dd>" in html
    assert "<dt>数据来源</dt><dd><del>—</del> → <ins>县科技局</ins></dd>" in html
    assert "<dt>value</dt>" not in html


def test_a_nul_byte_in_an_address_is_refused_before_any_view(users, login):
    client = login(users["coordinator"])
    assert client.get("/plans/1/items/%00/edit/").status_code == 404
    response = client.get("/dashboard/?plan=%00")
    assert response.status_code == 400 and "请求无法处理" in page(response)


def test_a_refused_parameter_is_a_400_page_in_the_layout(plan, users, login):
    response = login(users["coordinator"]).get(f"/plans/{plan.pk}/?year=abc")
    assert response.status_code == 400
    html = page(response)
    assert in_layout(html) and "请求无法处理" in html and "年份" in html
