"""Shared fixtures of the web tests: a hand-built plan, departments, users for every role.

The plan is written by hand from the structure of a real outline (not produced by the reader),
so these tests do not depend on how well the reader does.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from planwatch.outline.model import (
    Chapter,
    Indicator,
    Plan,
    ProseTarget,
    Rate,
    Section,
    TargetValue,
    Task,
    YearValue,
)

PASSWORD = "test-pass-123"


@pytest.fixture(autouse=True)
def _plain_static_storage(settings, tmp_path):
    """Tests render templates without collectstatic and keep uploads out of the data dir."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    # The production hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the API's request counts (120 anonymous requests a
    minute per address) and stored pages must not carry over from the tests before it."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _database_is_the_one_asked_for(django_db_setup, django_db_blocker):
    """When the suite is meant to run on PostgreSQL, refuse to pass quietly on SQLite."""
    from django.db import connection

    if os.environ.get("PLANWATCH_TEST_DB") == "postgresql":
        assert connection.vendor == "postgresql", "DATABASE_URL does not point to PostgreSQL"


def outline_plan() -> Plan:
    """A small county plan: three table indicators, one prose target, four tasks."""
    return Plan(
        title="示例县国民经济和社会发展第十四个五年规划纲要",
        document_number="示政发〔2021〕1号",
        issuer="示例县人民政府",
        base_year=2020,
        target_year=2025,
        chapters=[
            Chapter(
                number="第一章",
                title="发展目标",
                text="",
                sections=[
                    Section(
                        number="第一节",
                        title="创新驱动",
                        text="",
                        tasks=[
                            Task("M1", "壮大高新技术企业。", "壮大高新技术企业。实施培育计划。"),
                            Task("M2", "提高研发投入。", "提高研发投入。落实加计扣除。"),
                        ],
                    )
                ],
            ),
            Chapter(
                number="第二章",
                title="绿色发展",
                text="",
                tasks=[
                    Task("M3", "推进节能降耗。", "推进节能降耗。淘汰落后产能。"),
                    Task("M4", "改善空气质量。", "改善空气质量。治理扬尘。"),
                ],
            ),
        ],
        indicators=[
            Indicator(
                1,
                "I1",
                "地区生产总值增长速度",
                "%",
                "经济发展",
                YearValue(2020, 3.6),
                None,
                Rate(7.0, "~", "7左右"),
                None,
                "anticipatory",
                "increase",
            ),
            Indicator(
                2,
                "I2",
                "常住人口城镇化率",
                "%",
                "经济发展",
                YearValue(2020, 60.0),
                TargetValue(2025, 65.0, ">=", "65"),
                None,
                Rate(5.0, None, "〔5〕"),
                "anticipatory",
                "increase",
            ),
            Indicator(
                3,
                "I3",
                "单位地区生产总值能耗降低",
                "%",
                "绿色生态",
                None,
                TargetValue(2025, None, None, "完成市下达任务"),
                None,
                None,
                "binding",
                "increase",
            ),
        ],
        targets=[
            ProseTarget(
                "T1",
                "高新技术企业数量",
                200,
                "家",
                ">=",
                2025,
                "level",
                "到2025年，高新技术企业数量达到200家",
                ["第一章", "第一节"],
                YearValue(2020, 100, "截至2020年底，高新技术企业达到100家"),
            )
        ],
    )


@pytest.fixture
def plan(db):
    from django.utils import timezone

    from planwatch.web.history.services import save_tracked
    from planwatch.web.plans.services.importer import import_plan

    stored = import_plan(outline_plan(), source_name="county.txt")
    stored.confirmed_at = timezone.now()
    return save_tracked(stored)


@pytest.fixture
def departments(db):
    from planwatch.web.history.services import save_tracked
    from planwatch.web.plans.models import Department

    return {
        key: save_tracked(Department(name=name, is_coordinator=key == "econ"))
        for key, name in (
            ("econ", "县发展和改革局"),
            ("science", "县科学技术局"),
            ("env", "县生态环境分局"),
        )
    }


@pytest.fixture
def users(db, departments):
    """One user per role; two reporters in different departments."""
    from planwatch.web.accounts.models import User

    spec = {
        "admin": ("administrator", None),
        "coordinator": ("coordinator", "econ"),
        "reporter": ("reporter", "science"),
        "other_reporter": ("reporter", "env"),
        "leader": ("leader", None),
        "evaluator": ("evaluator", None),
    }
    made = {}
    for username, (role, dept) in spec.items():
        user = User(username=username, role=role, department=departments.get(dept))
        user.set_password(PASSWORD)
        user.save()
        made[username] = user
    return made


@pytest.fixture
def assigned(plan, departments):
    """Science leads I2, T1, M1, M2; environment leads I3, M3, M4 and supports I2 and M1."""
    from planwatch.web.history.services import save_tracked
    from planwatch.web.plans.models import Assignment, MeasurableItem
    from planwatch.web.plans.models import Task as StoredTask

    def item(code):
        return MeasurableItem.objects.get(plan=plan, code=code)

    def task(code):
        return StoredTask.objects.get(plan=plan, code=code)

    rows = [
        ("science", "lead", item("I2")),
        ("science", "lead", item("T1")),
        ("science", "lead", task("M1")),
        ("science", "lead", task("M2")),
        ("env", "lead", item("I3")),
        ("env", "lead", task("M3")),
        ("env", "lead", task("M4")),
        ("env", "support", item("I2")),
        ("env", "support", task("M1")),
        ("econ", "lead", item("I1")),
    ]
    for dept, role, target in rows:
        kind = "item" if isinstance(target, MeasurableItem) else "task"
        save_tracked(
            Assignment(plan=plan, department=departments[dept], role=role, **{kind: target})
        )
    return plan


@pytest.fixture
def open_round(assigned):
    from django.utils import timezone

    from planwatch.web.history.services import save_tracked
    from planwatch.web.reporting.models import ReportingRound

    return save_tracked(
        ReportingRound(
            plan=assigned,
            name="2023年度",
            year=2023,
            status="open",
            deadline=timezone.localdate() + dt.timedelta(days=10),
        )
    )


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user
