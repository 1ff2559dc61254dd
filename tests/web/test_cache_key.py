"""``cache_key`` comes from the access rules: users the rules treat alike share cached pages,
users they treat differently never do."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from planwatch.web.accounts.models import User
from planwatch.web.core.fragments import cache_key


def _colleague(users, name):
    model = users[name]
    twin = User(username=f"{name}-2", role=model.role, department=model.department)
    twin.set_password("x-pass-123")
    twin.save()
    return twin


def test_same_scope_same_key_different_scope_never(plan, users):
    twin = _colleague(users, "reporter")  # same role, same department
    coordinator_twin = _colleague(users, "coordinator")
    assert cache_key(plan, users["reporter"], "r1") == cache_key(plan, twin, "r1")
    assert cache_key(plan, users["coordinator"], "r1") == cache_key(plan, coordinator_twin, "r1")
    keys = {
        name: cache_key(plan, users[name], "r1")
        for name in ("coordinator", "reporter", "other_reporter", "leader", "evaluator")
    }
    keys["public"] = cache_key(plan, AnonymousUser(), "r1")
    assert len(set(keys.values())) == len(keys), keys
    assert cache_key(plan, users["reporter"], "r1") != cache_key(plan, users["reporter"], "r2")


def test_two_users_of_one_scope_see_identical_pages_others_never_share(
    open_round, users, login, client
):
    """The round page's duties table: the same HTML for two reporters of one department, and
    another department's reporter gets their own (their items, not ours)."""
    twin = _colleague(users, "reporter")
    url = f"/reporting/rounds/{open_round.pk}/"
    tables = {}
    for name, user in (("reporter", users["reporter"]), ("twin", twin), ("other", None)):
        response = login(user or users["other_reporter"]).get(url)
        tables[name] = str(response.context["duties_html"])
        client.logout()
    assert tables["reporter"] == tables["twin"]
    assert "I2" in tables["reporter"] and "I3" not in tables["reporter"]
    assert "I3" in tables["other"] and tables["other"] != tables["reporter"]
