"""planwatch as it runs in production, for tests: app servers and background workers as
separate processes (each with its own cache) on one database.

``Stack`` starts gunicorn servers and ``planwatch worker`` processes with one environment — a
SQLite file in a temporary directory, or a PostgreSQL database of its own — and stops them all,
whatever happened. ``Browser`` signs in and fills forms as a person does (session cookie, CSRF
token). Everything listens on 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
#: django-tasks-db's queue table.
TASKS = "django_tasks_database_dbtaskresult"


@contextlib.contextmanager
def own_database():
    """A database for one test's processes: a new PostgreSQL database on the server of
    ``DATABASE_URL`` when the suite runs on PostgreSQL (dropped afterwards), else None (the
    stack's own SQLite file)."""
    if os.environ.get("PLANWATCH_TEST_DB") != "postgresql":
        yield None
        return
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = f"planwatch_stack_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlparse(url)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Stack:
    def __init__(self, workdir: Path, database_url: str | None = None) -> None:
        self.workdir = workdir
        (workdir / "data").mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANWATCH_", "DJANGO_"))}
        env.pop("DATABASE_URL", None)
        env.pop("LC_ALL", None)
        env.update(
            LANG="zh_CN.UTF-8",  # the command line speaks Chinese, as the tests read it
            PLANWATCH_DATA_DIR=str(workdir / "data"),
            PLANWATCH_SECRET_KEY=secrets.token_urlsafe(40),
            PLANWATCH_ALLOWED_HOSTS=f"{HOST},localhost",
            PLANWATCH_EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
            PYTHONPATH=str(ROOT),
            DJANGO_SETTINGS_MODULE="planwatch.web.settings",
        )
        if database_url:
            env["DATABASE_URL"] = database_url
        self.env = env
        self.processes: list[subprocess.Popen] = []

    # -- one-off commands -------------------------------------------------------------------

    def run(self, *args: str, timeout: float = 120) -> str:
        result = subprocess.run(
            [sys.executable, *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def migrate_and_seed(self) -> dict:
        self.run("-m", "planwatch.web.manage", "migrate", "--noinput", "-v0")
        self.run("-m", "planwatch.web.manage", "collectstatic", "--noinput", "-v0")
        return json.loads(self.run("-m", "tests.web.seed"))

    def sql(self, query: str) -> list[tuple]:
        """Rows of a query, read straight from the stack's database (no Django here)."""
        url = self.env.get("DATABASE_URL")
        if url:
            import psycopg

            with psycopg.connect(url) as connection:
                return connection.execute(query).fetchall()
        with contextlib.closing(sqlite3.connect(self.workdir / "data" / "planwatch.sqlite3")) as db:
            return db.execute(query).fetchall()

    def wait_for_tasks(self, seconds: float = 60) -> None:
        """Until every queued task has finished (the workers are running)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if (
                self.sql(f"SELECT COUNT(*) FROM {TASKS} WHERE status IN ('READY', 'RUNNING')")[0][0]
                == 0
            ):
                return
            time.sleep(0.3)
        raise AssertionError(f"tasks still queued after {seconds} s")

    # -- long-running processes -------------------------------------------------------------

    def _start(self, name: str, *args: str) -> subprocess.Popen:
        out = open(self.workdir / f"{name}.out", "w")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(
            [sys.executable, *args],
            env=self.env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        proc.log = out  # type: ignore[attr-defined]
        self.processes.append(proc)
        return proc

    def server(self, name: str, threads: int = 1) -> Server:
        """A gunicorn master with one worker: sync (the worker the fault tests kill), or with
        ``threads`` threads as ``planwatch serve`` runs it."""
        port = free_port()
        threaded = [f"--threads={threads}", "--worker-class=gthread"] if threads > 1 else []
        proc = self._start(
            name,
            "-m",
            "gunicorn",
            "planwatch.web.wsgi:application",
            f"--bind={HOST}:{port}",
            "--workers=1",
            *threaded,
            "--timeout=60",
            "--preload",
        )
        server = Server(port, proc, self.workdir / f"{name}.out")
        server.wait_until_up()
        return server

    def worker(self, name: str) -> subprocess.Popen:
        return self._start(name, "-m", "planwatch", "worker")

    def output(self, name: str) -> str:
        return (self.workdir / f"{name}.out").read_text(encoding="utf-8", errors="replace")

    def close(self) -> None:
        for proc in self.processes:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.processes:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            proc.log.close()


class Server:
    def __init__(self, port: int, master: subprocess.Popen, log: Path) -> None:
        self.port, self.master, self.log = port, master, log

    def wait_until_up(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.master.poll() is None, self.log.read_text()[-3000:]
            try:
                if request(self.port, "GET", "/accounts/login/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"no answer on port {self.port}: {self.log.read_text()[-3000:]}")

    def worker_pids(self) -> list[int]:
        """The master's worker processes (Linux: /proc)."""
        children = Path(f"/proc/{self.master.pid}/task/{self.master.pid}/children")
        return [int(pid) for pid in children.read_text().split()]


def request(port, method, path, headers=None, body=None, timeout=60):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


class Browser:
    """One person's session; it works against any app server (sessions live in the database)."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def send(self, server: Server, method: str, path: str, body=None, headers=None):
        hdrs = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        hdrs.update(headers or {})
        status, response_headers, payload = request(server.port, method, path, hdrs, body)
        for name, value in response_headers:
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return status, dict(response_headers), payload

    def get(self, server: Server, path: str) -> tuple[int, str]:
        status, _, payload = self.send(server, "GET", path)
        return status, payload.decode("utf-8", errors="replace")

    def csrf(self, server: Server, path: str) -> str:
        status, page = self.get(server, path)
        assert status == 200, (path, status)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def post(self, server: Server, path: str, fields, *, form_page: str | None = None):
        """POST a form (a list of pairs) with the CSRF token of ``form_page`` (default: path)."""
        token = self.csrf(server, form_page or path)
        body = urllib.parse.urlencode([("csrfmiddlewaretoken", token), *fields])
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.send(server, "POST", path, body, headers)

    def upload(self, server: Server, path: str, name: str, data: bytes, content_type: str):
        token = self.csrf(server, path)
        boundary = uuid.uuid4().hex
        part = f"--{boundary}\r\nContent-Disposition: form-data; "
        body = b"".join(
            [
                f'{part}name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'.encode(),
                f'{part}name="file"; filename="{name}"\r\n'.encode(),
                f"Content-Type: {content_type}\r\n\r\n".encode(),
                data,
                f"\r\n--{boundary}--\r\n".encode(),
            ]
        )
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.send(server, "POST", path, body, headers)

    def log_in(self, server: Server, username: str, password: str) -> None:
        status, _, _ = self.post(
            server, "/accounts/login/", [("username", username), ("password", password)]
        )
        assert status == 302 and "sessionid" in self.cookies, f"sign-in as {username}: {status}"


def api(server: Server, method: str, path: str, token: str, data=None):
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    body = json.dumps(data) if data is not None else None
    status, _, payload = request(server.port, method, path, headers, body)
    return status, json.loads(payload) if payload else None
