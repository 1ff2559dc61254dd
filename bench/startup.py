"""Start-up speed: ``planwatch serve --demo`` to the first 200 on ``/public/``, beside a floor.

Each round, interleaved so that a busy shared machine slows all of them alike:

- **floor**: gunicorn (2 workers) serving a hello-world WSGI app, to its first 200;
- **first**: ``planwatch serve --demo`` on an empty data directory of an installation that has
  never collected its static files nor migrated a database, and was not prepared (empty
  ``PLANWATCH_STATIC_CACHE`` and ``PLANWATCH_SCHEMA_CACHE``): migrate from empty, collect and
  compress static files, load the demo plan, start gunicorn and the background worker;
- **fresh**: the same on another empty data directory of that installation, whose caches the
  first start filled (the collection and the migrated database are copied, the demo is loaded
  again);
- **second**: the same command again on that data directory, as after a restart;
- **prepared**: another new installation (empty caches) prepared at install time, as
  ``dev.sh`` does, then ``serve --demo`` on an empty data directory: its first start, which
  copies what ``planwatch prepare`` left in the caches.

The preparation itself is its own figure, not part of any start: ``planwatch prepare`` timed to
its exit on that installation's empty caches (the migration from empty and the compression of
the static files, in a scratch data directory), then again once done (each checked by what it
says it did).

Prints the median wall time to the first 200 and the median CPU time the server's processes
(gunicorn master and workers, background workers) had used by then, and the start-up phases
``planwatch serve`` reports (its ``start-up:`` line). Targets: second start under 1 s, fresh
and prepared starts under 3 s; exits 1 when missed.

Measured on the 2-core development machine, shared with other benchmarks (load average
1.1–1.9; 3 rounds, medians; ``--compiled``), wall time to the first 200 (CPU of the server's
processes):

=========  ======================  ======================
start      before (9198fe0)        after
=========  ======================  ======================
first      7.17 s (8.32 s)         5.31 s (6.06 s)
fresh      5.08 s (5.28 s)         1.71 s (1.67 s)
second     0.87 s (1.10 s)         0.66 s (0.68 s)
=========  ======================  ======================

Phases after: fresh — django 0.34, migrate 0.03 (the installation's migrated template copied),
static files 0.09 (copied), demo 0.96, app 0.08, rest 0.16 s; second — django 0.34, migrate
0.02, app 0.09, rest 0.16 s. Without ``--compiled`` (PYTHONDONTWRITEBYTECODE=1, load 1.5–3.2):
fresh 5.22 → 2.28 s, second 1.08 → 0.85 s (CPU 0.98 → 0.68 s).

With the install-time preparation (``planwatch prepare``; 3 rounds, ``--compiled``, load
average 1.7–2.2): first 6.16 s (CPU 6.10 s), fresh 1.80 s (1.70 s), second 0.73 s (0.68 s),
**prepared 1.81 s (1.71 s)** — a new installation's first start after the install-time
preparation is a fresh start; ``planwatch prepare`` itself 5.26 s (CPU 5.28 s) on empty
caches, 0.70 s (0.67 s) once done. Phases of the prepared start: django 0.35, migrate 0.03,
static files 0.10, demo 1.04, app 0.08, rest 0.17 s.

Run: ``.venv/bin/python bench/startup.py`` (3 rounds), ``--runs 5``; ``--tree DIR`` times the
planwatch source in DIR instead (e.g. an earlier commit unpacked with ``git archive``), so that
before and after can be measured in the same minutes.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from procstat import tree_cpu

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
TARGETS = {"second": 1.0, "fresh": 3.0, "prepared": 3.0}
#: What each row measures, printed under the table.
ROWS = {
    "floor": "gunicorn (2 workers) + a hello-world app",
    "first": "new installation, nothing prepared: migrate from empty, collect and compress",
    "fresh": "new data dir of an installation that has started once (both caches filled)",
    "second": "restart on that data dir",
    "prepared": "new installation after planwatch prepare: first start, copies both caches",
}
STARTS = ("first", "fresh", "second", "prepared")
HELLO = """
def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello"]
"""


@dataclass
class Measure:
    label: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    phases: dict[str, list[float]] = field(default_factory=dict)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="rounds of the starts (3)")
    parser.add_argument(
        "--tree", type=Path, default=ROOT, help="the planwatch source tree to time (this one)"
    )
    parser.add_argument(
        "--compiled",
        action="store_true",
        help="let the servers write and reuse .pyc files, as a pip-installed deployment has them "
        "(default: the caller's environment, e.g. PYTHONDONTWRITEBYTECODE=1 in a sandbox, where "
        "every start compiles planwatch's modules again)",
    )
    args = parser.parse_args(argv)
    if args.compiled:
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    tree = args.tree.resolve()
    measures = {name: Measure(name) for name in ROWS}
    preparations = {name: Measure(name) for name in ("prepare", "again")}
    workdir = Path(tempfile.mkdtemp(prefix="planwatch-startup-"))
    (workdir / "hello.py").write_text(HELLO, encoding="utf-8")
    try:
        for run in range(args.runs):
            floor = [sys.executable, "-m", "gunicorn", "-w", "2", "hello:app"]
            start(measures["floor"], floor, workdir, "/", {})
            serve = [sys.executable, "-m", "planwatch", "serve", "--demo"]
            cache = workdir / f"cache-{run}"
            start(measures["first"], serve, tree, "/public/", planwatch_env(tree, run, "a", cache))
            env = planwatch_env(tree, run, "b", cache)
            start(measures["fresh"], serve, tree, "/public/", env)
            start(measures["second"], serve, tree, "/public/", env)
            # Another new installation, prepared at install time (as dev.sh does), then started.
            prepared = workdir / f"prepared-{run}"
            env = planwatch_env(tree, run, "p", prepared)
            if prepare(preparations["prepare"], tree, env, done=False):
                prepare(preparations["again"], tree, env, done=True)
                start(measures["prepared"], serve, tree, "/public/", env)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return report(measures, preparations, tree, args.runs)


def prepare(measure: Measure, tree: Path, env: dict, *, done: bool) -> bool:
    """Time ``planwatch prepare`` to its exit (wall, and its CPU from wait4), checking that it
    did the work on empty caches (``done=False``) or found it done (``done=True``); False for
    a tree that has no such command (an earlier commit, ``--tree``)."""
    command = [sys.executable, "-m", "planwatch", "prepare"]
    began = time.perf_counter()
    proc = subprocess.Popen(
        command, cwd=tree, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode == 2 and "invalid choice: 'prepare'" in output:
        return False
    measure.wall.append(time.perf_counter() - began)
    measure.cpu.append(usage.ru_utime + usage.ru_stime)
    said = ("already in place", "already in place") if done else ("made", "collected")
    wanted = zip(("template", "static files"), said, strict=True)
    if proc.returncode != 0 or not all(f"{what}: {word}" in output for what, word in wanted):
        raise SystemExit(f"planwatch prepare (done={done}): status {proc.returncode}\n{output}")
    return True


def planwatch_env(tree: Path, run: int, site: str, cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANWATCH_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.pop("LC_ALL", None)
    env.update(
        LANG="en_US.UTF-8",  # the start-up: line this script reads
        PLANWATCH_DATA_DIR=str(cache.parent / f"data-{run}-{site}"),
        PLANWATCH_STATIC_CACHE=str(cache),
        PLANWATCH_SCHEMA_CACHE=str(cache.with_name(f"{cache.name}-schema")),
        PLANWATCH_SECRET_KEY=secrets.token_urlsafe(40),
        PYTHONPATH=str(tree),  # ahead of the editable install's finder: --tree wins
    )
    return env


def start(measure: Measure, command: list[str], cwd: Path, path: str, env: dict) -> None:
    """Run ``command`` on a free port until its first 200 on ``path``; record, then stop it."""
    port = free_port()
    if command[2] == "gunicorn":
        command = [*command, "-b", f"{HOST}:{port}"]
        env = {**os.environ, **env}
    else:
        command = [*command, "--port", str(port)]
    log = Path(tempfile.gettempdir()) / f"planwatch-startup-{port}.log"
    with open(log, "w") as out:
        began = time.perf_counter()
        proc = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_for_200(port, path, proc, log)
        measure.wall.append(time.perf_counter() - began)
        measure.cpu.append(tree_cpu(proc.pid))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    output = log.read_text(encoding="utf-8", errors="replace")
    log.unlink()
    for name, seconds in parse_phases(output).items():
        measure.phases.setdefault(name, []).append(seconds)


def wait_for_200(port: int, path: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped:\n{log.read_text()[-3000:]}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", path, headers={"Host": "localhost"})
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                return
            raise SystemExit(f"GET {path}: {status}\n{log.read_text()[-3000:]}")
        except (ConnectionRefusedError, ConnectionResetError, http.client.RemoteDisconnected):
            time.sleep(0.005)
    raise SystemExit(f"no answer within 120 s:\n{log.read_text()[-3000:]}")


def parse_phases(output: str) -> dict[str, float]:
    """``start-up: django 0.41 s, migrate 0.10 s, …`` → {"django": 0.41, "migrate": 0.10, …}."""
    found = re.search(r"^start-up: (.*)$", output, re.M)
    if not found:
        return {}
    pairs = re.findall(r"([^,]+?) ([\d.]+) s", found.group(1))
    return {name.strip(): float(seconds) for name, seconds in pairs}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def report(
    measures: dict[str, Measure], preparations: dict[str, Measure], tree: Path, runs: int
) -> int:
    print(f"planwatch serve --demo from {tree}, {runs} rounds, medians; floor: gunicorn + hello")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("(PYTHONDONTWRITEBYTECODE is set: modules without a .pyc are compiled each start)")
    floor = statistics.median(measures["floor"].wall)
    print(f"{'start':<8} {'to first 200':>13} {'CPU':>8} {'× floor':>8}  target")
    met = True
    for name, m in measures.items():
        if not m.wall:
            print(f"{name:<8} {'—':>13}  (this tree has no planwatch prepare)")
            continue
        wall, cpu = statistics.median(m.wall), statistics.median(m.cpu)
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            ok = wall < target
            met &= ok
            verdict = f"< {target:.0f} s {'met' if ok else 'MISSED'}"
        print(f"{name:<8} {wall:>11.2f} s {cpu:>6.2f} s {wall / floor:>7.1f}×  {verdict}")
    print()
    for name, what in ROWS.items():
        print(f"  {name:<8} {what}")
    made, again = preparations["prepare"], preparations["again"]
    if made.wall:
        print(
            "\ninstall-time preparation (planwatch prepare, to its exit): empty caches "
            f"{statistics.median(made.wall):.2f} s (CPU {statistics.median(made.cpu):.2f} s), "
            f"already done {statistics.median(again.wall):.2f} s "
            f"(CPU {statistics.median(again.cpu):.2f} s)"
        )
    else:
        print("\ninstall-time preparation: — (this tree has no planwatch prepare)")
    names = list(dict.fromkeys(n for m in measures.values() for n in m.phases))
    if names:
        print("\nphases (planwatch's own start-up: line), medians in s:")
        print(f"{'phase':<14} {' '.join(f'{label:>8}' for label in STARTS)}")
        for name in names:
            cells = []
            for label in STARTS:
                values = measures[label].phases.get(name)
                cells.append(f"{statistics.median(values):>8.2f}" if values else f"{'—':>8}")
            print(f"{name:<14} {' '.join(cells)}")
        cells = []
        for label in STARTS:
            m = measures[label]
            rest = [w - sum(p[i] for p in m.phases.values()) for i, w in enumerate(m.wall)]
            cells.append(f"{statistics.median(rest):>8.2f}" if rest else f"{'—':>8}")
        print(f"{'rest':<14} {' '.join(cells)}  (gunicorn's fork, the first request, the worker)")
    else:
        print("\n(no start-up: line printed by this tree: phases not shown)")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
