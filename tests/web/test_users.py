"""The administrator's user management: create, role and department, deactivate; all logged."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.test import Client

from planwatch.web.accounts.models import User
from planwatch.web.history.models import ChangeRecord
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Zhang-2024-report"


def _new_reporter(client, departments, **changes):
    data = {
        "username": "zhangwei",
        "full_name": "张伟",
        "email": "",
        "role": "reporter",
        "department": departments["env"].pk,
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **changes,
    }
    return client.post("/accounts/users/new/", data)


def _changes(user):
    return ChangeRecord.objects.filter(content_type__model="user", object_id=user.pk)


def test_the_administrator_creates_an_account_that_can_sign_in(users, departments, login):
    response = _new_reporter(login(users["admin"]), departments)
    assert response.status_code == 302
    created = User.objects.get(username="zhangwei")
    assert (created.role, created.department, created.is_active) == (
        "reporter",
        departments["env"],
        True,
    )
    assert not created.is_staff and not created.is_superuser
    assert Client().login(username="zhangwei", password=NEW_PASSWORD)
    (change,) = _changes(created)
    assert change.action == "create" and change.user == users["admin"]
    assert (
        change.after["role"] == "reporter"
        and change.after["department_id"] == departments["env"].pk
    )
    assert created.password not in json.dumps(change.after)  # never the hash itself


def test_a_reporter_without_a_department_or_a_mistyped_password_is_refused(
    users, departments, login
):
    client = login(users["admin"])
    response = _new_reporter(client, departments, department="")
    assert response.status_code == 200 and "必须指定所属部门" in response.content.decode()
    response = _new_reporter(client, departments, password2="something-else-1")
    assert "两次输入的密码不一致" in response.content.decode()
    response = _new_reporter(client, departments, password1="123", password2="123")
    assert 'class="errorlist"' in response.content.decode()
    assert not User.objects.filter(username="zhangwei").exists()


def test_role_and_department_changes_are_logged_and_a_stale_form_is_a_conflict(users, login):
    client = login(users["admin"])
    reporter = users["reporter"]
    url = f"/accounts/users/{reporter.pk}/"
    form = client.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update({"role": "leader", "department": "", "reason": "岗位调整"})
    assert client.post(url, data).status_code == 302
    reporter.refresh_from_db()
    assert (reporter.role, reporter.department, reporter.version) == ("leader", None, 2)
    change = _changes(reporter).get(action="update")
    assert (change.before["role"], change.after["role"]) == ("reporter", "leader")
    assert set(change.changed_fields) == {"role", "department_id"}
    assert change.reason == "岗位调整"

    stale = {**data, "role": "evaluator"}  # still carries version 1
    response = client.post(url, stale)
    assert response.status_code == 200 and "已被他人修改" in response.content.decode()
    reporter.refresh_from_db()
    assert reporter.role == "leader"


def test_a_password_reset_is_logged_without_the_password(users, login):
    client = login(users["admin"])
    evaluator = users["evaluator"]
    url = f"/accounts/users/{evaluator.pk}/"
    data = {k: ("" if v is None else v) for k, v in client.get(url).context["form"].initial.items()}
    data.update(password1=NEW_PASSWORD, password2=NEW_PASSWORD)
    assert client.post(url, data).status_code == 302
    assert Client().login(username="evaluator", password=NEW_PASSWORD)
    change = _changes(evaluator).get()
    assert change.changed_fields == ["password"]
    evaluator.refresh_from_db()
    assert evaluator.password not in json.dumps([change.before, change.after])


def test_a_deactivated_account_is_signed_out_kept_and_logged(users, login):
    reporter = users["reporter"]
    own = Client()
    own.force_login(reporter)
    assert own.get("/reporting/todo/").status_code == 200
    admin = login(users["admin"])
    response = admin.post(
        f"/accounts/users/{reporter.pk}/active/",
        {"active": "0", "version": reporter.version, "reason": "调离", "confirmed": "1"},
    )
    assert response.status_code == 302
    reporter.refresh_from_db()
    assert reporter.is_active is False
    assert own.get("/reporting/todo/").status_code == 302  # the open session ends
    assert not Client().login(username="reporter", password=PASSWORD)
    change = _changes(reporter).get()
    assert change.changed_fields == ["is_active"] and change.reason == "调离"
    assert "已停用" in admin.get("/accounts/users/").content.decode()
    with pytest.raises(TypeError):
        reporter.delete()
    assert User.objects.filter(pk=reporter.pk).exists()

    admin.post(f"/accounts/users/{reporter.pk}/active/", {"active": "1", "version": 2})
    reporter.refresh_from_db()
    assert reporter.is_active and _changes(reporter).count() == 2


def test_the_administrator_cannot_lock_themselves_out(users, login):
    admin = users["admin"]
    client = login(admin)
    client.post(f"/accounts/users/{admin.pk}/active/", {"active": "0"})
    url = f"/accounts/users/{admin.pk}/"
    data = {k: ("" if v is None else v) for k, v in client.get(url).context["form"].initial.items()}
    response = client.post(url, {**data, "role": "coordinator"})
    assert "不能取消自己的系统管理员角色" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active and admin.role == "administrator"


@pytest.mark.parametrize("role", ["coordinator", "reporter", "leader", "evaluator"])
def test_only_the_administrator_manages_accounts(users, departments, login, role):
    client = login(users[role])
    target = users["other_reporter"]
    assert client.get("/accounts/users/new/").status_code == 403
    assert _new_reporter(client, departments).status_code == 403
    edit = client.post(f"/accounts/users/{target.pk}/", {"role": "administrator"})
    assert edit.status_code in (403, 404)  # 404 where the account is not even visible
    deactivate = client.post(f"/accounts/users/{target.pk}/active/", {"active": "0"})
    assert deactivate.status_code in (403, 404)
    target.refresh_from_db()
    assert target.is_active and target.role == "reporter"
    assert not User.objects.filter(username="zhangwei").exists()
    assert 'href="/accounts/users/"' not in client.get("/plans/").content.decode()


def test_createsuperuser_makes_an_administrator():
    call_command("createsuperuser", interactive=False, username="root", email="root@example.org")
    root = User.objects.get(username="root")
    assert root.role == "administrator" and root.is_superuser


def test_a_change_made_in_django_admin_is_logged_too(users, client, departments):
    admin = users["admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    target = users["evaluator"]
    url = f"/admin/accounts/user/{target.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k != "password"}
    data.update(
        role="leader",
        date_joined_0=target.date_joined.strftime("%Y-%m-%d"),
        date_joined_1=target.date_joined.strftime("%H:%M:%S"),
        last_login_0="",
        last_login_1="",
    )
    data.pop("date_joined", None)
    data.pop("last_login", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    change = _changes(target).get()
    assert (change.before["role"], change.after["role"]) == ("evaluator", "leader")
    assert change.user == admin
