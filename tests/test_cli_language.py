"""The command line speaks the terminal's language: Chinese unless LANG (LC_ALL, LC_MESSAGES)
names English; an unset locale (a bare server, cron) reads Chinese like the web pages."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def run(*args, **env):
    environment = {
        k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "planwatch", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("env", [{}, {"LANG": "zh_CN.UTF-8"}, {"LANG": "C.UTF-8"}])
def test_usage_errors_are_chinese_unless_the_locale_is_english(env):
    result = run("outline", "parse", **env)
    assert result.returncode == 2
    assert "用法：planwatch outline parse" in result.stderr
    assert "错误：缺少必需的参数：PATH" in result.stderr
    assert "required" not in result.stderr


def test_usage_errors_are_english_in_an_english_locale():
    result = run("outline", "parse", LANG="zh_CN.UTF-8", LC_ALL="en_GB.UTF-8")
    assert "error: the following arguments are required: PATH" in result.stderr
    assert "用法" not in result.stderr


def test_a_missing_file_is_named_in_the_terminals_language(tmp_path):
    missing = tmp_path / "nope.txt"
    chinese = run("outline", "parse", str(missing))
    assert chinese.stderr == f"planwatch: 错误: 文件 {missing}：文件不存在\n"
    english = run("outline", "parse", str(missing), LANG="en_US.UTF-8")
    assert english.stderr.startswith("planwatch: error: ")
    assert "文件" not in english.stderr


def test_help_is_chinese_by_default():
    result = run("-h")
    assert "显示本帮助并退出" in result.stdout
    assert "读取、分解、填报、评估和公开五年规划纲要。" in result.stdout


@pytest.mark.parametrize(
    ("command", "chinese", "english"),
    [
        (("assess",), "评估年份，如 2022", "the year assessed, e.g. 2022"),
        (("report",), "FILE.docx（报告）或 FILE.xlsx（表格）", "FILE.docx (report) or FILE.xlsx"),
        (("outline", "parse"), "以 JSON 输出规划", "print the plan as JSON"),
        (("serve",), "迁移数据库，然后用 gunicorn", "Migrate the database, then serve"),
    ],
)
def test_help_texts_follow_the_locale(command, chinese, english):
    zh = run(*command, "--help", COLUMNS="300")  # one line per option: no wrapping to undo
    en = run(*command, "--help", LANG="en_US.UTF-8", COLUMNS="300")
    assert chinese in zh.stdout and english not in zh.stdout
    assert english in en.stdout and chinese not in en.stdout
