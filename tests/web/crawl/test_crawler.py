"""Every address as every role, with real ids and hostile parameters: never a 5xx.

The URL resolver is walked, so an address added later is visited too. Path parameters get
real ids from the test data (the segment before a parameter says what it names: ``rounds/<pk>``
is a round), then each is replaced in turn by a hostile value; hostile query strings are added
to every address. Each answer must be below 500, carry no traceback, weigh under 1 MB and, as
the session is Chinese, show no English sentence (crawl/english.py).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from planwatch.web.history.services import save_tracked

from .english import english_sentences, json_text, visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROLES = ("anonymous", "reporter", "leader", "evaluator", "coordinator", "admin")
#: Query strings added to every address.
HOSTILE_QUERIES = (
    "year=abc",
    "year=-1",
    "year=99999999999",
    "page=99999",
    "page=abc&limit=abc&offset=-5",
    "q=" + "长" * 3000,
    "status=%E2%80%AEx&code=%E2%80%AE",
    "year=%00&code=%00&kind=%00",
    "plan=99999999999999999999&department=abc&chapter=-1&item=%00&period=x&attribute=x",
    "year=nan&plan=inf&department=1e400&status=" + "x" * 5000,
)
#: Each id-like parameter alone, beyond any database integer (coordinator only: sees most).
HUGE_IDS = tuple(
    f"{name}=99999999999999999999"
    for name in ("plan", "department", "chapter", "round", "item", "task", "year")
)
#: Values put in place of one path parameter at a time.
HOSTILE_INTS = ("0", "-1", "99999999999999999999")
HOSTILE_STRS = ("A" * 3000, "\u202eT1", "%00", "..%2F..")
#: Never checked for English: machine-readable descriptions of the API for developers.
DEVELOPER_DOCS = ("/api/schema/",)
MAX_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Address:
    name: str
    template: str  # "plans/{pk}/items/{code}/edit/"
    params: tuple[tuple[str, str], ...]  # (name, previous segment)


def addresses() -> list[Address]:
    found: list[Address] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue  # Django's admin: visited through reverse() below
                ns = ":".join(filter(None, (namespace, p.namespace)))
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if "format" in route:
                    continue  # DRF's ".json" twins of the same views
                template = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
                template = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", template)
                template = template.replace("^", "").replace("$", "").replace("\\", "")
                params = tuple(
                    (m.group(1), template[: m.start()].rstrip("/").rsplit("/", 1)[-1])
                    for m in re.finditer(r"\{(\w+)\}", template)
                )
                found.append(Address(f"{namespace}:{p.name}", template, params))

    walk(get_resolver().url_patterns, "/", "")
    return found


@pytest.fixture
def world(reported, users, departments):
    """The published county plan with one row of every kind an address can name."""
    from planwatch.web.evaluation.models import EvaluationNote
    from planwatch.web.plans.models import Assignment, MeasurableItem, Node, Task
    from planwatch.web.portal.models import Feedback
    from planwatch.web.reporting.models import Evidence, KeyProject, Observation, TaskProgress

    plan = reported.plan
    progress = TaskProgress.objects.filter(task__plan=plan, department=departments["science"])
    evidence = Evidence(
        progress=progress.first(),
        original_name="照片.png",
        content_type="image/png",
        size=8,
        uploaded_by=users["reporter"],
    )
    evidence.file.save("photo.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False)
    save_tracked(evidence)
    project = save_tracked(
        KeyProject(plan=plan, name="科技孵化器二期", department=departments["science"])
    )
    feedback = save_tracked(
        Feedback(plan=plan, rating=4, comment="很好", challenge="c1", status="approved")
    )
    save_tracked(EvaluationNote(plan=plan, author=users["evaluator"], text="评估意见"))
    item = MeasurableItem.objects.get(plan=plan, code="T1")
    task = Task.objects.get(plan=plan, code="M1")
    round = reported.rounds[2023]
    ids = {
        "users": str(users["reporter"].pk),
        "plans": str(plan.pk),
        "rounds": str(round.pk),
        "items": str(item.pk),
        "tasks": str(task.pk),
        "departments": str(departments["science"].pk),
        "assignments": str(Assignment.objects.filter(plan=plan).first().pk),
        "outline": str(Node.objects.filter(plan=plan).first().pk),
        "evidence": str(evidence.pk),
        "projects": str(project.pk),
        "observations": str(Observation.objects.filter(item__plan=plan).first().pk),
        "moderation": str(feedback.pk),
        "history": "plans.plan",
    }
    codes = {"items": "T1", "tasks": "M1", "reports": "annual"}
    return ids, codes


def fill(address: Address, ids: dict, codes: dict, replace: tuple[str, str] | None = None):
    values = {}
    for name, segment in address.params:
        if name in ("code", "kind"):
            value = codes.get(segment, "T1")
        elif name == "ext":
            value = "docx"
        elif name == "model":
            value = ids["history"]
        elif segment in ids:
            value = ids[segment]
        else:
            value = ids.get("plans")  # <pk> of plans/…, <plan_pk> of reporting/plans/…
            if name == "pk" and segment.isdigit():
                value = ids["plans"]
        values[name] = value
    if address.name == "history:object":
        values["pk"] = ids["plans"]
    if replace:
        values[replace[0]] = replace[1]
    return address.template.format(**values)


def admin_addresses(ids_by_model: dict) -> list[str]:
    paths = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        paths.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        first = model._base_manager.order_by("pk").first()
        if first is not None:
            paths.append(
                reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
            )
    return paths


class Crawl:
    def __init__(self, users) -> None:
        self.clients = {}
        for role in ROLES:
            client = Client(raise_request_exception=False, HTTP_ACCEPT="text/html,*/*")
            if role != "anonymous":
                client.force_login(users[role])
            self.clients[role] = client
        self.count = Counter()
        self.statuses = Counter()
        self.failures: list[str] = []

    def visit(self, role: str, path: str, kind: str) -> None:
        response = self.clients[role].get(path)
        self.count[kind] += 1
        self.statuses[response.status_code // 100 * 100] += 1
        where = f"{role} GET {path[:120]}"
        if response.status_code >= 500:
            exc = getattr(response, "exc_info", None)
            self.failures.append(f"{where}: {response.status_code} {exc[1]!r}" if exc else where)
            return
        if response.streaming:
            return
        body = response.content
        content_type = response.get("Content-Type", "")
        if b"Traceback" in body:
            self.failures.append(f"{where}: traceback in the page")
        if not content_type.startswith(("text/html", "application/json")):
            return
        if len(body) > MAX_BYTES:
            self.failures.append(f"{where}: {len(body)} bytes")
        if path.startswith(DEVELOPER_DOCS):
            return
        text = body.decode(response.charset or "utf-8")
        shown = json_text(text) if content_type.startswith("application/json") else text
        if content_type.startswith("text/html"):
            shown = visible_text(shown)
        english = english_sentences(shown)
        if english:
            self.failures.append(f"{where}: English {english[:3]}")


def test_every_address_as_every_role_with_hostile_parameters(world, users, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    ids, codes = world
    crawl = Crawl(users)
    found = addresses()
    assert len(found) > 60  # the walk really found the site
    for address in found:
        plain = fill(address, ids, codes)
        for role in ROLES:
            crawl.visit(role, plain, "real ids")
        for query in HOSTILE_QUERIES:
            for role in ("anonymous", "reporter", "coordinator"):
                crawl.visit(role, f"{plain}?{query}", "hostile query")
        for query in HUGE_IDS:
            crawl.visit("coordinator", f"{plain}?{query}", "hostile query")
        for name, _segment in address.params:
            hostile = HOSTILE_STRS if name in ("code", "kind", "ext", "model") else HOSTILE_INTS
            for value in hostile:
                path = fill(address, ids, codes, replace=(name, value))
                for role in ("reporter", "coordinator"):
                    crawl.visit(role, path, "hostile path")
    for path in admin_addresses(ids):
        for role in ("anonymous", "reporter", "admin"):
            crawl.visit(role, path, "admin")
        crawl.visit("admin", f"{path}?q=%E2%80%AE{'x' * 2000}&o=abc&p=99999", "admin")
    report = (
        f"{len(found)} addresses; requests {dict(crawl.count)}; statuses {dict(crawl.statuses)}"
    )
    print(report)
    assert not crawl.failures, report + "\n" + "\n".join(crawl.failures[:60])
    assert crawl.statuses[500] == 0
