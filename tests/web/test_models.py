import pytest

from planwatch.web.history.models import ChangeRecord
from planwatch.web.history.services import EditConflict, save_tracked, soft_delete
from planwatch.web.plans.models import Department

pytestmark = pytest.mark.django_db


def test_a_department_change_is_logged_with_old_and_new_values():
    dept = save_tracked(Department(name="经济发展局"))
    dept.name = "经济发展和改革局"
    save_tracked(dept, reason="机构改革")
    record = ChangeRecord.objects.filter(object_id=dept.pk, action="update").get()
    assert record.before["name"] == "经济发展局"
    assert record.after["name"] == "经济发展和改革局"
    assert record.changed_fields == ["name"]
    assert record.reason == "机构改革"


def test_a_stale_edit_is_a_conflict_and_changes_nothing():
    dept = save_tracked(Department(name="财政局"))
    first = Department.objects.get(pk=dept.pk)
    second = Department.objects.get(pk=dept.pk)
    first.short_name = "财政"
    save_tracked(first, expected_version=1)
    second.short_name = "财政金融"
    with pytest.raises(EditConflict):
        save_tracked(second, expected_version=1)
    assert Department.objects.get(pk=dept.pk).short_name == "财政"


def test_soft_deleted_records_disappear_but_remain():
    dept = save_tracked(Department(name="统计局"))
    soft_delete(dept, reason="合并")
    assert not Department.objects.filter(pk=dept.pk).exists()
    assert Department.all_objects.filter(pk=dept.pk, deleted_at__isnull=False).exists()
    with pytest.raises(TypeError):
        dept.delete()


def test_the_login_page_renders_in_chinese_with_the_base_layout(client):
    response = client.get("/accounts/login/")
    text = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in text
    assert "登录" in text and "planwatch/site.css" in text


def test_chinese_is_the_default_whatever_the_browser_asks_for(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = response.content.decode()
    assert '<html lang="zh-hans">' in page and "用户名" in page
    assert "Sign in" not in page
    assert response["Content-Language"] == "zh-hans"


def test_english_is_available_through_the_language_switch(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert '<html lang="en">' in page
    assert "Sign in" in page and "Password" in page
    # An English choice holds against a Chinese browser, and switching back works.
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert '<html lang="en">' in page
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/accounts/login/"})
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert '<html lang="zh-hans">' in page


def test_a_language_cookie_naming_no_language_of_ours_gives_chinese(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="zh-hans">' in page
