"""``planwatch plan import|list`` and ``planwatch serve`` as an operator runs them."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from planwatch.outline import sample_outline_path


def _run(tmp_path, *args, timeout=120, lang="zh_CN.UTF-8"):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANWATCH_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)  # a private SQLite database in tmp_path
    env.pop("LC_ALL", None)
    env["LANG"] = lang
    env["PLANWATCH_DATA_DIR"] = str(tmp_path)
    return subprocess.run(
        [sys.executable, "-m", "planwatch", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_plan_import_then_list(tmp_path):
    result = _run(tmp_path, "plan", "import", str(sample_outline_path()))
    assert result.returncode == 0, result.stderr
    assert re.match(r"规划 1：.+（\d+ 个指标和目标，\d+ 项任务；草稿", result.stdout), result.stdout
    listed = _run(tmp_path, "plan", "list")
    assert listed.returncode == 0
    assert "2020–2025" in listed.stdout and "草稿" in listed.stdout
    english = _run(tmp_path, "plan", "list", lang="en_US.UTF-8")
    assert "[draft]" in english.stdout and "草稿" not in english.stdout


def test_plan_import_of_a_bad_file_is_one_line_and_status_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = _run(tmp_path, "plan", "import", str(empty))
    assert result.returncode == 2
    # Chinese by default, naming the file; English when the terminal's language is English.
    assert result.stderr.startswith(f"planwatch: 错误: 文件 {empty}："), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    english = _run(tmp_path, "plan", "import", str(empty), lang="en_US.UTF-8")
    assert english.returncode == 2
    assert english.stderr.startswith("planwatch: error:"), english.stderr


@pytest.mark.slow
def test_serve_demo_starts_gunicorn_and_prints_the_logins(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANWATCH_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env["PLANWATCH_DATA_DIR"] = str(tmp_path)
    server = subprocess.Popen(
        [sys.executable, "-m", "planwatch", "serve", "--demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        body = _wait_for(f"http://127.0.0.1:{port}/accounts/login/", server)
        assert "登录" in body
        css = urllib.request.urlopen(f"http://127.0.0.1:{port}/static/planwatch/site.css")
        assert css.status == 200
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert "coordinator" in out and "reporter1" in out and "planwatch-demo" in out
    assert f"http://127.0.0.1:{port}/" in out
    assert "gunicorn" in err.lower() or "Booting worker" in err


def _wait_for(url: str, server: subprocess.Popen, seconds: float = 180) -> str:
    """The page once the server answers. The limit only tells a hung start from a slow one on a
    loaded machine (a first demo start migrates and loads the whole demo); how fast it starts
    is bench/startup.py's business, not this test's."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(server.communicate()[1][-2000:])
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def test_serve_links_e_mail_to_the_address_it_serves_on():
    from planwatch.web.cli import served_url

    assert served_url("127.0.0.1", 8190) == "http://127.0.0.1:8190"
    assert served_url("0.0.0.0", 8000) == "http://127.0.0.1:8000"  # every interface: this machine
    assert served_url("::1", 8000) == "http://[::1]:8000"
