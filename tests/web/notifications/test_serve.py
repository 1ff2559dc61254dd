"""``planwatch serve --demo`` (what ``./dev.sh demo`` runs) with its background worker: the
demo's open round reaches reporter1's inbox and the console mail, and the worker stops with
the server."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.web.stack import HOST, Browser, Server, free_port

pytestmark = pytest.mark.slow


def test_serve_demo_starts_the_worker_and_a_round_opened_reaches_inbox_and_mail(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANWATCH_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env["PLANWATCH_DATA_DIR"] = str(tmp_path / "data")
    log = tmp_path / "serve.out"
    with open(log, "w") as out:
        serve = subprocess.Popen(
            [sys.executable, "-m", "planwatch", "serve", "--demo", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        server = Server(port, serve, log)
        server.wait_until_up(120)
        output = _wait_for(log, "2023年度已开启填报")  # the mail, printed by the worker
        assert re.search(r"^To: reporter1@demo\.invalid$", output, re.M), output[-3000:]
        started = r"(?:background worker started \(|后台任务进程已启动（)pid (\d+)"
        worker = int(re.search(started, output).group(1))
        reporter = Browser()
        reporter.log_in(server, "reporter1", "planwatch-demo")
        status, page = reporter.get(server, "/notifications/")
        assert status == 200 and "2023年度开始填报" in page
        assert 'class="badge unread"' in page
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=60)
    assert not Path(f"/proc/{worker}").exists() or _is_zombie(worker)
    assert HOST in log.read_text()


def _wait_for(log: Path, text: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        output = log.read_text(encoding="utf-8", errors="replace")
        if text in output:
            return output
        time.sleep(0.3)
    raise AssertionError(f"{text!r} not printed within {seconds} s:\n{output[-3000:]}")


def _is_zombie(pid: int) -> bool:
    try:
        return " Z " in Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
