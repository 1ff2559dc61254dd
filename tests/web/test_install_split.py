"""The web system is an extra: without Django, ``planwatch serve`` says how to install it."""

from __future__ import annotations

import subprocess
import sys

HIDE_DJANGO = (
    "import sys; sys.modules['django'] = None; "
    "from planwatch.cli import main; raise SystemExit(main(sys.argv[1:]))"
)


def _run(*args, lang="zh_CN.UTF-8"):
    return subprocess.run(
        [sys.executable, "-c", HIDE_DJANGO, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={"LANG": lang, "PATH": "/usr/bin:/bin"},
    )


def test_serve_without_the_web_extra_names_the_install_command():
    result = _run("serve", "--port", "8765")
    assert result.returncode == 2
    assert result.stderr.startswith("planwatch: 错误: 未安装网页系统（缺少 django）"), result.stderr
    assert "pip install 'planwatch[web]'" in result.stderr and "Traceback" not in result.stderr
    english = _run("serve", lang="en_US.UTF-8")
    assert "the web system is not installed" in english.stderr


def test_the_core_commands_run_without_django():
    result = _run("outline", "--help")
    assert result.returncode == 0, result.stderr
