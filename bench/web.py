"""Web speed under load: the coordinator's overview and round page, the dashboard, the public
page and the API.

Loads the demo plan (the bundled outline, its departments, three years of 示例数据: 2021 and
2022 approved and published, 2023 open) into a fresh database, starts gunicorn with 2 workers
on a free loopback port, and lets N concurrent clients (threads, http.client, loopback only)
send a bounded number of requests for a bounded time, each client pausing a random think time
between its requests (mean 1 s; ``--think 0`` sends back to back and shows the saturation
throughput). "api correct a draft" PATCHes each client's own draft back and forth between two
values the server's plausibility check accepts unconfirmed, as a department's corrections are
(a made-up figure would be a 400). Pages absent from this installation (dashboard, public
portal) are skipped and named. Prints, per endpoint, p50 / p95 / max latency as the clients
saw it, the error count (anything but 2xx, or no answer), the server's own time per request
under load (gunicorn's access log, ``%(D)s``) and the time of one request alone; then how busy
the workers were.
Target: every p95 < 200 ms with no errors, on SQLite and on PostgreSQL; exits 1 when missed.

``--scale 10`` builds ten times today's duties first: the demo's departments grow to ten times
as many (synthetic, 示例数据), every task is assigned to 20 of them (one lead, the others
support); each new duty gets a progress report in
every round as the demo's own do (approved in the closed rounds, two in three drafted or
submitted in the open one). The round page, the dashboard and the overview then have their
own target: server p95 under 100 ms. Every page's HTML size is printed too.

Run: ``.venv/bin/python bench/web.py`` (SQLite in a temporary directory),
``.venv/bin/python bench/web.py --database-url postgresql://…/empty_db``, ``--only api``.
``--floor`` then measures the framework's floor side by side: it starts ``bench/floor_app.py``
(Django, one view, no database, no middleware) under the same gunicorn (same workers) and, in
interleaved rounds, saturates it, cached ``/public/`` and the public assessment API in turn
with the same clients (think time 0); it prints each one's requests/s (median of the rounds)
and the ratio floor / planwatch. Target: within 3×. Other work on the machine slows both
alike, so the ratio is what counts.

Every run also ends with a short saturation run of all endpoints mixed (``--saturation``
seconds, think time 0): the throughput the server sustains, and the CPU seconds the serving
side spent on it (gunicorn's workers, plus the PostgreSQL server's processes when it runs on
this machine) as requests per CPU second — the rate per core, which the machine's other work
(the bench's own clients among it) does not blur.

``--servers 2`` starts two gunicorn servers (separate processes and caches, one database, as a
deployment that outgrew one machine) and runs the load twice — against the first alone, then
spread over both — and prints the throughput gained.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from procstat import named_cpu, processes, tree_cpu

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
ACCESS_FORMAT = "%(m)s %(U)s?%(q)s %(s)s %(D)s"
#: Throttling is per worker and per caller; the bench is one caller sending thousands of
#: requests, so it raises the limits for its own server (and says so). Per second, not per
#: minute: DRF keeps the time of every request within the period, and a minute's worth
#: (tens of thousands at saturation) would make each request slower than the one before.
RATES = {"PLANWATCH_API_ANON_RATE": "100000/second", "PLANWATCH_API_USER_RATE": "100000/second"}


@dataclass
class Endpoint:
    label: str
    method: str
    path: str
    auth: str  # "session", "token" or "anonymous"
    latencies: list[float] = field(default_factory=list)
    alone: list[float] = field(default_factory=list)  # one request at a time, no other load
    server: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str = ""
    size: int = 0  # bytes of the answer's body (UTF-8), measured alone
    rebuilt: list[float] = field(default_factory=list)  # alone, after a data change each


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="planwatch-bench-"))
    (workdir / "data").mkdir()
    os.environ.update(
        PLANWATCH_DATA_DIR=str(workdir / "data"),
        PLANWATCH_SECRET_KEY=secrets.token_urlsafe(40),
        PLANWATCH_ALLOWED_HOSTS=f"{HOST},localhost",
        DJANGO_SETTINGS_MODULE="planwatch.web.settings",
        **RATES,
    )
    os.environ.pop("PLANWATCH_DEBUG", None)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    servers = []
    try:
        facts = load_data(args.scale)
        ports = [free_port() for _ in range(args.servers)]
        for n, port in enumerate(ports):
            servers.append(start_gunicorn(port, workdir, args.workers, log=f"access-{n}.log"))
        for port, server in zip(ports, servers, strict=True):
            wait_until_up(f"http://{HOST}:{port}", server)
        port = ports[0]
        session = log_in(port, "coordinator", facts["password"])  # valid on every server
        endpoints = choose_endpoints(port, facts, session)
        if args.only:
            endpoints = [e for e in endpoints if e.label.startswith(args.only)]
        for endpoint in endpoints:  # warm-up, not counted: templates, imports, caches
            for each in ports:
                warm_up(each, endpoint, session, facts["token"])
        measure_alone(port, endpoints, session, facts["token"], args.alone)
        measure_rebuilds(port, endpoints, session, facts, args.alone)
        weight = public_page_weight(port, endpoints)
        baseline = None
        if len(ports) > 1:  # the same load against one server first: the gain's reference
            elapsed, sent = run_load(ports[:1], endpoints, session, facts, args)
            baseline = (sent / elapsed, sum(e.errors for e in endpoints))
            for e in endpoints:
                e.latencies, e.server, e.errors, e.first_error = [], [], 0, ""
        log_starts = [access_log_size(workdir, n) for n in range(len(ports))]
        cpu_start = time.process_time()
        elapsed, sent = run_load(ports, endpoints, session, facts, args)
        # The clients share the machine with the server: say how much CPU they took.
        facts["client_cpu"] = (time.process_time() - cpu_start) / elapsed
        for server in servers:
            stop(server)
        servers = []
        for n, start in enumerate(log_starts):
            read_server_times(workdir, start, endpoints, n)
        met = report(args, facts, endpoints, elapsed, sent)
        if baseline is not None:
            rate, errors = baseline
            print(
                f"scale-out: 1 server {rate:.0f} requests/s ({errors} errors), "
                f"{len(ports)} servers {sent / elapsed:.0f} requests/s: "
                f"{(sent / elapsed) / rate - 1:+.0%} throughput"
            )
        if weight:
            print(weight)
        if args.saturation or args.floor:
            port = free_port()
            servers.append(start_gunicorn(port, workdir, args.workers, log="access-sat.log"))
            wait_until_up(f"http://{HOST}:{port}", servers[-1])
            for endpoint in endpoints:
                warm_up(port, endpoint, session, facts["token"])
        if args.saturation:
            saturation(port, endpoints, session, facts, args, servers[-1].pid)
        if args.floor:
            met = floor(port, workdir, facts, args) and met
        return 0 if met else 1
    finally:
        for server in servers:
            stop(server)
        shutil.rmtree(workdir, ignore_errors=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default: SQLite)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--requests", type=int, default=3000, help="total requests (3000)")
    parser.add_argument("--seconds", type=float, default=120, help="stop after this long (120)")
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="mean seconds each client waits between its requests (uniform on 0..2×), like a "
        "person reading the page (1.0); 0 sends back to back and shows saturation instead",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument(
        "--saturation",
        type=float,
        default=20,
        help="seconds of all endpoints mixed back to back after the main load (20; 0: none)",
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also measure cached /public/ and the public assessment API against Django's "
        "floor (one view, no database) under the same gunicorn, side by side",
    )
    parser.add_argument(
        "--floor-rounds", type=int, default=3, help="interleaved rounds of the floor (3)"
    )
    parser.add_argument(
        "--floor-seconds", type=float, default=5, help="seconds per target and round (5)"
    )
    parser.add_argument(
        "--floor-clients",
        type=int,
        default=8,
        help="concurrent clients saturating each target (8: enough to keep 2 workers busy; "
        "more threads only cost the machine's cores)",
    )
    parser.add_argument(
        "--servers",
        type=int,
        default=1,
        help="gunicorn servers on one database (1); with 2 or more the load runs against one, "
        "then against all, and the throughput gained is printed",
    )
    parser.add_argument(
        "--only",
        metavar="WORD",
        help="measure only the endpoints whose label starts with WORD (e.g. api, overview)",
    )
    parser.add_argument(
        "--alone", type=int, default=10, help="requests per endpoint timed one at a time (10)"
    )
    parser.add_argument(
        "--scale",
        type=int,
        default=1,
        help="duties × this (1): more departments, every task assigned to 20 of them",
    )
    return parser.parse_args(argv)


# -- the data --------------------------------------------------------------------------------


def load_data(scale: int = 1) -> dict:
    """Migrate, collect static files, load the demo plan (``scale`` times its duties); return
    what the clients need."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from rest_framework.authtoken.models import Token

    from planwatch.web.accounts.models import User
    from planwatch.web.demo import DEMO_PASSWORD, load_demo
    from planwatch.web.plans.models import Assignment, MeasurableItem, Plan
    from planwatch.web.reporting.models import Observation, ReportingRound, TaskProgress

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    load_demo()
    plan = Plan.objects.get(is_demo=True)
    if scale > 1:
        scale_up(plan, scale)
    coordinator = User.objects.get(username="coordinator")
    drafts, unplausible = [], 0
    for draft in Observation.objects.filter(item__plan=plan, status="draft").select_related("item"):
        values = plausible_values(draft)
        if values:
            drafts.append([draft.pk, draft.version, *values])
        else:
            unplausible += 1
    facts = {
        "plan": plan.pk,
        "title": plan.title,
        "items": MeasurableItem.objects.filter(plan=plan).count(),
        "rounds": sorted(ReportingRound.objects.filter(plan=plan).values_list("year", flat=True)),
        "open_round": ReportingRound.objects.filter(plan=plan, status="open")
        .order_by("-year")
        .values_list("pk", flat=True)
        .first(),
        "observations": Observation.objects.filter(item__plan=plan).count(),
        "scale": scale,
        "departments": Assignment.objects.filter(plan=plan).values("department").distinct().count(),
        "assignments": Assignment.objects.filter(plan=plan).count(),
        "progress": TaskProgress.objects.filter(task__plan=plan).count(),
        "drafts": drafts,
        "unplausible_drafts": unplausible,
        "token": Token.objects.get_or_create(user=coordinator)[0].key,
        "password": DEMO_PASSWORD,
        "vendor": connections["default"].vendor,
        "load_seconds": time.perf_counter() - started,
    }
    connections.close_all()
    return facts


#: Departments each task is assigned to at ``--scale`` above 1 (a real zone's practice).
DEPARTMENTS_PER_TASK = 20


def scale_up(plan, scale: int) -> None:
    """Ten times the duties (``scale`` = 10): ``scale`` × the demo's departments, each task
    assigned to 20 of them (the items keep their one lead), and a progress report per
    new duty and round as the demo's own (bulk rows, synthetic, flagged 示例数据)."""
    import zlib

    from django.db import transaction

    from planwatch.web.history import revision
    from planwatch.web.plans.models import Assignment, Department, Task
    from planwatch.web.reporting.models import ReportingRound, TaskProgress

    with transaction.atomic():
        existing = list(Department.objects.filter(is_demo=True).order_by("pk"))
        wanted = max(len(existing) * scale, DEPARTMENTS_PER_TASK)
        Department.objects.bulk_create(
            Department(name=f"示例部门{n:03d}", is_demo=True)
            for n in range(len(existing) + 1, wanted + 1)
        )
        departments = list(Department.objects.filter(is_demo=True).order_by("pk"))
        # The demo's own assignments stay (with their reports); new ones are added around them.
        taken = set(Assignment.objects.filter(plan=plan).values_list("department_id", "task_id"))
        new = []
        for n, task in enumerate(Task.objects.filter(plan=plan).order_by("order")):
            lead_taken = Assignment.objects.filter(task=task, role="lead").exists()
            for k in range(DEPARTMENTS_PER_TASK):
                dept = departments[(n + k) % len(departments)]
                if (dept.pk, task.pk) in taken:
                    continue
                role = "lead" if k == 0 and not lead_taken else "support"
                new.append(Assignment(plan=plan, department=dept, role=role, task=task))
        Assignment.objects.bulk_create(new)
        reports = []
        for round_ in ReportingRound.objects.filter(plan=plan):
            is_open = round_.status == "open"
            for n, a in enumerate(x for x in new if x.task_id is not None):
                if is_open and n % 3 == 2:
                    continue
                status = ("submitted" if n % 3 == 0 else "draft") if is_open else "approved"
                percent = min(100, 20 * (round_.year - 2020) + zlib.crc32(f"{n}".encode()) % 25)
                reports.append(
                    TaskProgress(
                        round=round_,
                        task_id=a.task_id,
                        department_id=a.department_id,
                        percent=percent,
                        progress="completed" if percent >= 100 else "in_progress",
                        narrative=f"示例数据：第{n}项分工{round_.year}年进展。",
                        status=status,
                        is_demo=True,
                    )
                )
        TaskProgress.objects.bulk_create(reports, batch_size=2000)
        revision.bump(plan.pk)  # bulk rows skip save_tracked: caches must still forget


def plausible_values(draft) -> list[float]:
    """Two values for ``draft`` that the server's plausibility check accepts unconfirmed, as a
    department's corrected figures are: its own value, a percent either way, a whole number
    near it (a rank). Empty when none passes (the draft is then not corrected by the bench)."""
    from django.core.exceptions import ValidationError

    from planwatch.web.reporting.services.workflow import check_plausible

    value, whole = draft.value, round(draft.value)
    accepted = []
    for candidate in (value, round(value * 1.01, 6), round(value * 0.99, 6), whole, whole + 1):
        if candidate in accepted:
            continue
        try:
            check_plausible(
                draft.item, candidate, draft.unit, draft.year, period=draft.period, confirmed=False
            )
        except ValidationError:
            continue
        accepted.append(candidate)
        if len(accepted) == 2:
            break
    return accepted * 2 if len(accepted) == 1 else accepted


def choose_endpoints(port: int, facts: dict, session: str) -> list[Endpoint]:
    """The overview and the API always; the dashboard and the public pages when installed."""
    plan, round_ = facts["plan"], facts["open_round"]
    endpoints = [
        Endpoint("overview (coordinator)", "GET", f"/plans/{plan}/", "session"),
        Endpoint("dashboard (coordinator)", "GET", "/dashboard/", "session"),
        Endpoint("round page (coordinator)", "GET", f"/reporting/rounds/{round_}/", "session"),
        Endpoint("public portal", "GET", "/public/", "anonymous"),
        Endpoint("public plan page", "GET", f"/public/plans/{plan}/", "anonymous"),
        Endpoint("api plans", "GET", "/api/plans/", "token"),
        Endpoint("api items", "GET", f"/api/items/?plan={plan}", "token"),
        Endpoint("api observations", "GET", f"/api/observations/?plan={plan}&year=2022", "token"),
        Endpoint("api assessment", "GET", f"/api/plans/{plan}/assessment/", "token"),
        # ?format=json tells the two apart in the access log; DRF answers JSON either way.
        Endpoint(
            "api assessment (public)",
            "GET",
            f"/api/plans/{plan}/assessment/?format=json",
            "anonymous",
        ),
        Endpoint("api correct a draft", "PATCH", "/api/observations/{id}/", "token"),
    ]
    present = []
    for endpoint in endpoints:
        if endpoint.method == "GET":
            status, _ = request(
                port, "GET", endpoint.path, headers(endpoint, session, facts["token"])
            )
            if status == 404:
                print(f"  (not measured: {endpoint.path} is not installed)", file=sys.stderr)
                continue
        elif not facts["drafts"]:
            continue
        present.append(endpoint)
    return present


#: Pages a coordinator rebuilds after every draft edit: under 100 ms at 10× duties.
REBUILT_PAGES = ("overview", "dashboard", "round page")


# -- the server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(
    port: int, workdir: Path, workers: int, *, log: str = "access-0.log"
) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "planwatch.web.wsgi:application",
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        "--preload",
        "--timeout=60",
        f"--access-logfile={workdir / log}",
        f"--access-logformat={ACCESS_FORMAT}",
        f"--error-logfile={workdir / 'error.log'}",
    ]
    return subprocess.Popen(command, cwd=ROOT, env=os.environ.copy(), start_new_session=True)


def wait_until_up(base: str, server: subprocess.Popen, seconds: float = 60) -> None:
    port = int(base.rsplit(":", 1)[1])
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited before serving; see its error log")
        try:
            if request(port, "GET", "/accounts/login/", {})[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer on {base} within {seconds:.0f} s")


def stop(server: subprocess.Popen) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def access_log_size(workdir: Path, server: int = 0) -> int:
    path = workdir / f"access-{server}.log"
    return path.stat().st_size if path.exists() else 0


def read_server_times(workdir: Path, start: int, endpoints: list[Endpoint], server=0) -> None:
    """gunicorn's ``%(D)s`` (µs from reading the request to the last byte sent), per endpoint."""
    by_key = {}
    for e in endpoints:
        path, _, query = e.path.partition("?")
        by_key[(e.method, re.escape(path).replace(re.escape("{id}"), r"\d+"), query)] = e
    with open(workdir / f"access-{server}.log", encoding="utf-8") as log:
        log.seek(start)
        for line in log:
            method, target, _status, micros = line.split()
            path, _, query = target.partition("?")
            for (m, pattern, q), endpoint in by_key.items():
                if m == method and q == query and re.fullmatch(pattern, path):
                    endpoint.server.append(int(micros) / 1000)
                    break


# -- the clients -----------------------------------------------------------------------------


def log_in(port: int, username: str, password: str) -> str:
    """Sign in through the login form; return the Cookie header of the session."""
    status, page, cookies = request(port, "GET", "/accounts/login/", {}, with_cookies=True)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": csrf}
    )
    status, _, cookies = request(
        port,
        "POST",
        "/accounts/login/",
        {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        body=body,
        with_cookies=True,
    )
    if status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"could not sign in as {username} (HTTP {status})")
    return f"sessionid={cookies['sessionid']}"


def headers(endpoint: Endpoint, session: str, token: str) -> dict[str, str]:
    if endpoint.auth == "session":
        return {"Cookie": session}
    if endpoint.auth == "token":
        return {"Authorization": f"Token {token}"}
    return {}


def run_load(ports: list[int], endpoints, session: str, facts: dict, args) -> tuple[float, int]:
    """N threads, each cycling through the endpoints from its own starting point; client n
    talks to server n mod len(ports)."""
    budget = {"left": args.requests}
    lock = threading.Lock()
    token = facts["token"]
    deadline = time.monotonic() + args.seconds
    # Each draft belongs to one client, so corrections never collide (a 409 would count as an
    # error): [observation id, version, two plausible values] per client, empty for clients
    # without one.
    # The versions move on with each correction: a second run continues from the first's.
    if "draft_state" not in facts:
        drafts = [list(d) for d in facts["drafts"][: args.clients]]
        facts["draft_state"] = drafts + [[] for _ in range(args.clients - len(drafts))]
    drafts = facts["draft_state"]

    def client(n: int) -> None:
        connection = http.client.HTTPConnection(HOST, ports[n % len(ports)], timeout=30)
        own = drafts[n]
        k = n
        pause = random.Random(n)  # think times drawn per client, reproducibly
        time.sleep(pause.uniform(0, args.think))  # people do not all click at the same instant
        while time.monotonic() < deadline:
            endpoint = endpoints[k % len(endpoints)]
            k += 1
            if endpoint.method == "PATCH" and not own:
                continue
            with lock:
                if budget["left"] <= 0:
                    break
                budget["left"] -= 1
            timed_request(connection, endpoint, session, token, own)
            if args.think:
                time.sleep(pause.uniform(0, 2 * args.think))  # mean: args.think
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, args.requests - budget["left"]


def timed_request(connection, endpoint: Endpoint, session: str, token: str, own: list[int]):
    path, body = endpoint.path, None
    if endpoint.method == "PATCH":
        path = path.replace("{id}", str(own[0]))
        # Back and forth between two values the plausibility check accepts (a made-up figure
        # would be refused with a 400, or need confirming, as for a real client).
        value = own[2 + own[1] % 2]
        body = json.dumps({"value": value, "version": own[1]})
    started = time.perf_counter()
    try:
        connection.request(
            endpoint.method,
            path,
            body=body,
            headers={**headers(endpoint, session, token), "Content-Type": "application/json"},
        )
        response = connection.getresponse()
        payload = response.read()
        status = response.status
    except (OSError, http.client.HTTPException) as exc:
        connection.close()
        status, payload = 0, repr(exc).encode()
    elapsed = (time.perf_counter() - started) * 1000
    endpoint.latencies.append(elapsed)  # list.append is atomic under the GIL
    if not 200 <= status < 300:
        endpoint.errors += 1
        endpoint.first_error = endpoint.first_error or f"HTTP {status}: {payload[:200]!r}"
    elif endpoint.method == "PATCH":
        own[1] = json.loads(payload)["version"]


def measure_alone(port: int, endpoints, session: str, token: str, count: int) -> None:
    """Each page's cost without queueing: ``count`` requests one after another."""
    for endpoint in endpoints:
        if endpoint.method != "GET":
            continue
        for _ in range(count):
            started = time.perf_counter()
            _status, text = request(port, "GET", endpoint.path, headers(endpoint, session, token))
            endpoint.alone.append((time.perf_counter() - started) * 1000)
            endpoint.size = len(text.encode())


def measure_rebuilds(port: int, endpoints, session: str, facts: dict, count: int) -> None:
    """The pages rebuilt after every draft edit, each request after a change of the plan's data
    revision (as a saved draft makes), so no cached fragment serves it: the rebuild's cost."""
    from django.db import connections

    from planwatch.web.history import revision

    for endpoint in endpoints:
        if not endpoint.label.startswith(REBUILT_PAGES):
            continue
        for _ in range(count):
            revision.bump(facts["plan"], judged=False)
            started = time.perf_counter()
            request(port, "GET", endpoint.path, headers(endpoint, session, facts["token"]))
            endpoint.rebuilt.append((time.perf_counter() - started) * 1000)
    connections.close_all()


def public_page_weight(port: int, endpoints: list[Endpoint]) -> str:
    """What a browser downloads for /public/ (the portal's own measure), when it is installed."""
    if not any(e.path == "/public/" for e in endpoints):
        return ""
    try:
        from weight import BUDGET_BYTES, http_fetcher, page_weight
    except ImportError:
        return ""
    weight = page_weight(http_fetcher(HOST, port), "/public/")
    foreign = f", {len(weight.foreign)} references to other hosts" if weight.foreign else ""
    return (
        f"public page weight: {weight.total:,} B ({weight.total_gzip:,} B gzip) in "
        f"{1 + len(weight.resources)} files, budget {BUDGET_BYTES:,} B{foreign}"
    )


def warm_up(port: int, endpoint: Endpoint, session: str, token: str) -> None:
    if endpoint.method != "GET":
        return
    status, _ = request(port, "GET", endpoint.path, headers(endpoint, session, token))
    if status != 200:
        print(f"  warning: warm-up {endpoint.path} answered {status}", file=sys.stderr)


def request(port, method, path, hdrs, *, body=None, with_cookies=False):
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=hdrs)
        response = connection.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        cookies = {}
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookies[key.strip()] = rest.split(";", 1)[0]
    finally:
        connection.close()
    return (response.status, text, cookies) if with_cookies else (response.status, text)


# -- saturation and the floor ----------------------------------------------------------------


def saturation(port: int, endpoints, session: str, facts: dict, args, server_pid: int) -> None:
    """All endpoints mixed, back to back, for ``args.saturation`` seconds: the sustained rate,
    and the CPU the serving side spent on it (gunicorn's workers, and a PostgreSQL server on
    this machine): requests per CPU second, the rate one core would sustain."""
    for e in endpoints:
        e.latencies, e.server, e.errors, e.first_error = [], [], 0, ""
    flat = argparse.Namespace(**{**vars(args), "think": 0, "seconds": args.saturation})
    flat.requests = 10**9
    local_db = facts["vendor"] == "postgresql" and _is_loopback(args.database_url)
    before = serving_cpu(server_pid, local_db)
    elapsed, sent = run_load([port], endpoints, session, facts, flat)
    after = serving_cpu(server_pid, local_db)
    errors = sum(e.errors for e in endpoints)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"saturation, all endpoints mixed, {args.clients} clients back to back: "
        f"{sent / elapsed:.0f} requests/s ({errors} errors; load average {load})"
    )
    app, db = (after[0] - before[0]), (after[1] - before[1])
    if app > 0:
        if local_db:
            where = f" + PostgreSQL {db:.1f} s"
        elif facts["vendor"] == "postgresql":
            where = " (PostgreSQL on another machine: its CPU not counted)"
        else:
            where = " (SQLite runs inside them)"
        print(
            f"  serving CPU: workers {app:.1f} s{where} for {sent} requests = "
            f"{sent / (app + db):.0f} requests per CPU second "
            f"({1000 * (app + db) / sent:.2f} ms of CPU each, {1000 * app / sent:.2f} ms in the "
            "workers)"
        )
    for e in endpoints:
        if e.first_error:
            print(f"  first error on {e.label}: {e.first_error}")


def _is_loopback(url: str | None) -> bool:
    host = urllib.parse.urlsplit(url or "").hostname or "localhost"
    return host in ("localhost", "127.0.0.1", "::1")


def serving_cpu(server_pid: int, with_postgres: bool) -> tuple[float, float]:
    """CPU seconds so far of gunicorn (``server_pid`` and its workers) and, if asked, of every
    PostgreSQL process on this machine (Linux /proc; (0, 0) elsewhere)."""
    running = processes()
    if not any(p.pid == server_pid for p in running):
        return 0.0, 0.0
    db = named_cpu(("postgres", "postmaster"), running) if with_postgres else 0.0
    return tree_cpu(server_pid, running), db


def saturate(port: int, path: str, seconds: float, clients: int) -> tuple[float, int]:
    """``clients`` threads sending GET ``path`` back to back for ``seconds``: (requests/s of
    2xx answers, errors)."""
    deadline = time.monotonic() + seconds
    counts = [[0, 0] for _ in range(clients)]

    def client(n: int) -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        while time.monotonic() < deadline:
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                counts[n][0 if 200 <= response.status < 300 else 1] += 1
            except (OSError, http.client.HTTPException):
                connection.close()
                counts[n][1] += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return sum(c[0] for c in counts) / elapsed, sum(c[1] for c in counts)


#: Within this factor of the floor's throughput (issue: "within 3×").
FLOOR_RATIO = 3.0


def floor(port: int, workdir: Path, facts: dict, args) -> bool:
    """Cached /public/ and the public assessment API side by side with bench/floor_app.py."""
    floor_port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "floor_app:application",
        f"--bind={HOST}:{floor_port}",
        f"--workers={args.workers}",
        "--preload",
        f"--error-logfile={workdir / 'floor-error.log'}",
    ]
    server = subprocess.Popen(
        command, cwd=ROOT / "bench", env=os.environ.copy(), start_new_session=True
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if request(floor_port, "GET", "/", {})[0] == 200:
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the floor app did not start; see floor-error.log") from None
                time.sleep(0.2)
        targets = {
            "floor: Django, one view, no DB": (floor_port, "/"),
            "cached /public/": (port, "/public/"),
            "cached public assessment API": (port, f"/api/plans/{facts['plan']}/assessment/"),
        }
        rates: dict[str, list[float]] = {label: [] for label in targets}
        errors = dict.fromkeys(targets, 0)
        loads = []
        for _ in range(args.floor_rounds):  # interleaved: the machine's load hits all alike
            for label, (target_port, path) in targets.items():
                rate, failed = saturate(target_port, path, args.floor_seconds, args.floor_clients)
                rates[label].append(rate)
                errors[label] += failed
            loads.append(os.getloadavg()[0])
    finally:
        stop(server)
    base = statistics.median(rates["floor: Django, one view, no DB"])
    print(
        f"floor, side by side: gunicorn {args.workers} workers each, {args.floor_clients} "
        f"clients back to back, {args.floor_rounds} interleaved rounds of "
        f"{args.floor_seconds:g} s (median); load average during: "
        f"{min(loads):.1f}–{max(loads):.1f}"
    )
    met = True
    for label, values in rates.items():
        rate = statistics.median(values)
        ratio = base / rate if rate else float("inf")
        each = ", ".join(f"{v:.0f}" for v in values)
        line = f"  {label:<34}{rate:>8.0f} requests/s  ({each}; {errors[label]} errors)"
        if label.startswith("floor"):
            print(line)
            continue
        ok = ratio <= FLOOR_RATIO and not errors[label]
        met = met and ok
        print(
            f"{line}  floor/this {ratio:.1f}× (target ≤ {FLOOR_RATIO:g}×: "
            f"{'met' if ok else 'NOT met'})"
        )
    return met


# -- the figures -----------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def report(args, facts: dict, endpoints: list[Endpoint], elapsed: float, sent: int) -> bool:
    """Print the figures; True when every endpoint's p95 is under 200 ms without errors."""
    database = "PostgreSQL" if facts["vendor"] == "postgresql" else "SQLite (temp dir)"
    skipped = facts["unplausible_drafts"]
    left_alone = f" ({skipped} without one left alone)" if skipped else ""
    print(
        f"planwatch web bench: {database}, {args.servers} × gunicorn {args.workers} workers, "
        f"{args.clients} clients, think {args.think:g} s"
    )
    print(
        f"data: demo plan #{facts['plan']} ({facts['items']} items, rounds "
        f"{', '.join(map(str, facts['rounds']))}, {facts['observations']} observations; "
        f"scale {facts['scale']}: {facts['departments']} departments, "
        f"{facts['assignments']} assignments, {facts['progress']} progress reports), "
        f"loaded in {facts['load_seconds']:.1f} s; API throttling raised for the bench; "
        f"{len(facts['drafts'])} drafts corrected with plausible values{left_alone}"
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    busy = sum(sum(e.server) for e in endpoints) / 1000 / (elapsed * args.workers * args.servers)
    print(
        f"{sent} requests in {elapsed:.1f} s = {sent / elapsed:.0f} requests/s; "
        f"workers busy {busy:.0%} of the time; load average {load}; "
        f"the bench's own client threads used {facts['client_cpu']:.0%} of one core"
    )
    print(
        "latency: as the clients saw it under load; server: gunicorn's own time per request "
        "under load; alone: one request at a time before the load; rebuild: alone, each after "
        "a change of the plan's data (no cached fragment); HTML: the answer's size"
    )
    head = f"{'endpoint':<26}{'n':>6}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
    print(
        head + f"{'server p50':>12}{'server p95':>12}{'alone p50':>11}{'rebuild p95':>13}"
        f"{'HTML KB':>9}"
    )
    for e in endpoints:
        if not e.latencies:
            continue
        print(
            f"{e.label:<26}{len(e.latencies):>6}{e.errors:>8}"
            f"{statistics.median(e.latencies):>9.0f}{percentile(e.latencies, 95):>9.0f}"
            f"{max(e.latencies):>9.0f}"
            f"{statistics.median(e.server) if e.server else float('nan'):>12.1f}"
            f"{percentile(e.server, 95):>12.1f}"
            f"{statistics.median(e.alone) if e.alone else float('nan'):>11.1f}"
            f"{percentile(e.rebuilt, 95):>13.1f}{e.size / 1024:>9.1f}"
        )
    for e in endpoints:
        if e.first_error:
            print(f"  first error on {e.label}: {e.first_error}")
    everything = [x for e in endpoints for x in e.latencies]
    errors = sum(e.errors for e in endpoints)
    worst = max(percentile(e.latencies, 95) for e in endpoints if e.latencies)
    met = errors == 0 and worst < 200
    print(
        f"all endpoints: p50 {statistics.median(everything):.0f} ms, "
        f"p95 {percentile(everything, 95):.0f} ms, worst endpoint p95 {worst:.0f} ms, "
        f"{errors} errors (target: every p95 < 200 ms, no errors: {'met' if met else 'NOT met'})"
    )
    return rebuild_target_met(endpoints) and met


def rebuild_target_met(endpoints: list[Endpoint]) -> bool:
    """The round page, dashboard and overview rebuild in under 100 ms (at 1× and 10×)."""
    pages = [e for e in endpoints if e.rebuilt]
    worst = max((percentile(e.rebuilt, 95) for e in pages), default=float("nan"))
    met = not pages or worst < 100
    print(
        f"round page, dashboard, overview: worst rebuild p95 {worst:.1f} ms "
        f"(target: < 100 ms: {'met' if met else 'NOT met'})"
    )
    return met


if __name__ == "__main__":
    sys.exit(main())
