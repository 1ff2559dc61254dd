"""Server time and weight of the dashboard and public pages, with the demo data.

Loads the demo plan (the bundled outline, three departments, 示例数据 for 2021–2023) into a fresh
database, collects the static files as production does, then renders each page in-process with
Django's test client — the time measured is the server's own (view, queries, templates), with
no network in between. Prints per page the median, p95 and maximum time, the number of SQL
queries, and for the public pages the bytes a browser downloads (HTML, CSS, JavaScript with
ECharts), raw and gzip-compressed.

Targets (issue 5): dashboard and public page under 300 ms; public page under 1.5 MB.
Issue 16, the open-data portal: every portal page under 50 ms once cached, under 1 MB; the
scorecard (computed once per data revision, then cached) is measured with the dashboard pages.

Run: ``.venv/bin/python bench/pages.py`` (SQLite in a temporary directory) or
``.venv/bin/python bench/pages.py --database-url postgresql://…/empty_db``.
``bench/web.py`` measures the same pages under concurrent load; it can call
``bench/weight.py``'s ``page_weight`` for the weight.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIME_BUDGET_MS = 300
#: The portal's pages, served from cached fragments (issue 16).
PORTAL_BUDGET_MS = 50


@dataclass
class Timing:
    label: str
    path: str
    times_ms: list[float]
    queries: int
    bytes: int

    @property
    def p95(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default: SQLite)")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="planwatch-pages-"))
    try:
        prepare(workdir, args.database_url)
        timings = [time_page(client, label, path, args.runs) for label, client, path in pages()]
        weights = measure_weights()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return report(timings, weights)


def prepare(workdir: Path, database_url: str | None) -> None:
    """A fresh database with the demo data, static files collected: production as shipped."""
    os.environ.update(
        PLANWATCH_DATA_DIR=str(workdir),
        PLANWATCH_SECRET_KEY=secrets.token_urlsafe(40),
        PLANWATCH_ALLOWED_HOSTS="testserver,localhost",
        DJANGO_SETTINGS_MODULE="planwatch.web.settings",
    )
    os.environ.pop("PLANWATCH_DEBUG", None)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from planwatch.web.demo import load_demo

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    load_demo()


def pages():
    """(label, signed-in client, path) of every page measured."""
    from django.test import Client

    from planwatch.web.accounts.models import User
    from planwatch.web.plans.models import MeasurableItem, Plan

    plan = Plan.objects.get(is_demo=True)
    item = MeasurableItem.objects.filter(plan=plan, kind="indicator").order_by("order").first()
    coordinator, reporter, public = Client(), Client(), Client()
    coordinator.force_login(User.objects.get(username="coordinator"))
    reporter.force_login(User.objects.filter(role="reporter").order_by("username").first())
    return [
        ("dashboard (coordinator)", coordinator, "/dashboard/"),
        ("dashboard (reporter)", reporter, "/dashboard/"),
        ("dashboard, off-course filter", coordinator, "/dashboard/?status=off_course"),
        ("dashboard item page", coordinator, f"/dashboard/items/{item.pk}/"),
        ("scorecard (coordinator, cached)", coordinator, scorecard_path(plan)),
        *portal_pages(public, plan, item),
    ]


def scorecard_path(plan) -> str:
    from planwatch.web.supervision.demo import SCORECARD_YEAR

    return f"/supervision/plans/{plan.pk}/scorecard/?year={SCORECARD_YEAR}"


def portal_pages(public, plan, item):
    """The open-data portal's pages (issue 16): (label, client, path), all anonymous."""
    from planwatch.web.plans.models import MeasurableItem
    from planwatch.web.surveys.models import Survey

    target = MeasurableItem.objects.filter(plan=plan, kind="target").order_by("order").first()
    survey = Survey.objects.filter(plan=plan, is_published=True).order_by("pk").first()
    questionnaire = [("portal questionnaire", public, f"/surveys/{survey.pk}/")] if survey else []
    return [
        ("portal home", public, "/public/"),
        ("portal indicators", public, f"/public/plans/{plan.pk}/indicators/"),
        ("portal search", public, f"/public/plans/{plan.pk}/search/?q=GDP"),
        ("portal tasks", public, f"/public/plans/{plan.pk}/tasks/"),
        ("portal key projects", public, f"/public/plans/{plan.pk}/projects/"),
        ("portal indicator page", public, f"/public/items/{item.pk}/"),
        ("portal target page", public, f"/public/items/{target.pk}/"),
        ("portal item CSV", public, f"/public/items/{item.pk}/values.csv"),
        ("portal plan .xlsx", public, f"/public/plans/{plan.pk}/data.xlsx"),
        ("open-data API, plan", public, f"/api/open-data/plans/{plan.pk}/?format=json"),
        *questionnaire,
    ]


def time_page(client, label: str, path: str, runs: int) -> Timing:
    from django.db import connection

    for _ in range(3):  # templates compiled, caches warm: as a running server is
        response = client.get(path)
        assert response.status_code == 200, f"{path}: HTTP {response.status_code}"
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(path)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    return Timing(label, path, times, len(queries), len(response.content))


def measure_weights():
    from django.test import Client
    from weight import client_fetcher, page_weight

    from planwatch.web.plans.models import MeasurableItem, Plan

    plan = Plan.objects.get(is_demo=True)
    item = MeasurableItem.objects.filter(plan=plan, kind="indicator").order_by("order").first()
    fetch = client_fetcher(Client())
    html_pages = [
        (label, path)
        for label, _client, path in portal_pages(None, plan, item)
        if not path.endswith((".csv", ".xlsx")) and "/api/" not in path
    ]
    return [(label, page_weight(fetch, path)) for label, path in html_pages]


def report(timings: list[Timing], weights) -> int:
    from weight import BUDGET_BYTES, PORTAL_BUDGET_BYTES

    ok = True
    print(f"Server time per page, demo data ({len(timings[0].times_ms)} runs each, in-process):")
    print(f"  {'page':<30} {'median':>8} {'p95':>8} {'max':>8} {'queries':>8} {'HTML':>9}")
    for t in timings:
        over = t.p95 > (
            PORTAL_BUDGET_MS if t.label.startswith(("portal", "open-data")) else TIME_BUDGET_MS
        )
        ok &= not over
        print(
            f"  {t.label:<30} {statistics.median(t.times_ms):>6.1f}ms {t.p95:>6.1f}ms "
            f"{max(t.times_ms):>6.1f}ms {t.queries:>8} {t.bytes:>8,}B" + ("  OVER" if over else "")
        )
    print(f"Target: p95 under {TIME_BUDGET_MS} ms; portal pages under {PORTAL_BUDGET_MS} ms.")
    for label, weight in weights:
        print(f"Weight of the {label} (everything a browser downloads):")
        for line in weight.lines():
            print(line)
        ok &= weight.within_budget and weight.total <= PORTAL_BUDGET_BYTES
    print(f"Target: public page under {BUDGET_BYTES:,} bytes, nothing from another host.")
    print(f"Target (issue 16): portal pages under {PORTAL_BUDGET_BYTES:,} bytes.")
    print("OK" if ok else "OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
