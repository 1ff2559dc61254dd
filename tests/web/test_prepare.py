"""``planwatch prepare`` does a first start's installation-wide work at install time: the
installation's caches then hold the migrated template and the compressed collection, a new data
directory's first start copies both, and a second ``prepare`` changes nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

#: What a start does with a new data directory (serve_command's own steps), and what each did.
START_STEPS = (
    "from planwatch.web.cli import collect_static, migrate, setup_django\n"
    "setup_django()\n"
    "print(migrate(), collect_static())\n"
)


def _env(tmp_path: Path, data: str, lang: str = "en_US.UTF-8") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANWATCH_", "DJANGO_"))}
    env.pop("LC_ALL", None)
    env.pop("DATABASE_URL", None)
    env.update(
        LANG=lang,
        PLANWATCH_DATA_DIR=str(tmp_path / data),
        PLANWATCH_STATIC_CACHE=str(tmp_path / "static-cache"),
        PLANWATCH_SCHEMA_CACHE=str(tmp_path / "schema-cache"),
    )
    return env


def _prepare(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "planwatch", "prepare"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _snapshot(*folders: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folders`` with its size and modification time."""
    return {
        str(path): (path.stat().st_size, path.stat().st_mtime_ns)
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.slow
def test_prepare_fills_the_caches_once_and_a_new_data_dir_copies_them(tmp_path):
    static_cache, schema_cache = tmp_path / "static-cache", tmp_path / "schema-cache"
    env = _env(tmp_path, "site")
    # The deployment's own database is never opened: this one does not exist.
    env["DATABASE_URL"] = "postgresql://nobody@127.0.0.1:9/nowhere"
    made = _prepare(env)
    assert made.returncode == 0, made.stdout + made.stderr
    assert "database template: made" in made.stdout
    assert "static files: collected and compressed into" in made.stdout
    assert not (tmp_path / "site").exists()  # nor its data directory

    (template,) = schema_cache.glob("*.sqlite3")
    (applied,) = sqlite3.connect(template).execute("SELECT count(*) FROM django_migrations")
    assert applied[0] > 50
    (collection,) = (p for p in static_cache.iterdir() if not p.name.startswith("."))
    assert (collection / ".planwatch-sources.json").is_file()
    assert (collection / "staticfiles.json").is_file()
    css = list(collection.glob("planwatch/site.*.css"))
    assert css and all(Path(f"{c}.gz").is_file() for c in css)  # compressed, not only copied

    # A second run changes nothing in either cache and says it was already done, in Chinese by
    # default.
    before = _snapshot(static_cache, schema_cache)
    again = _prepare(_env(tmp_path, "site", lang="zh_CN.UTF-8"))
    assert again.returncode == 0, again.stdout + again.stderr
    assert "数据库模板：已就绪" in again.stdout and "静态文件：已就绪" in again.stdout
    assert _snapshot(static_cache, schema_cache) == before

    # Marks in the caches, to tell a copy from a migration or a collection of its own.
    db = sqlite3.connect(template)
    db.execute("CREATE TABLE copied_marker (id integer)")
    db.close()
    (collection / "copied-marker.txt").write_text("from the cache")

    started = subprocess.run(
        [sys.executable, "-c", START_STEPS],
        env=_env(tmp_path, "new-site"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert started.returncode == 0, started.stderr
    assert started.stdout.split() == ["copied", "copied"]
    site = tmp_path / "new-site"
    marker = "SELECT name FROM sqlite_master WHERE name = 'copied_marker'"
    assert sqlite3.connect(site / "planwatch.sqlite3").execute(marker).fetchall()
    assert (site / "static" / "copied-marker.txt").is_file()
    assert (site / "static" / "staticfiles.json").is_file()


def test_prepare_with_both_caches_off_does_nothing_and_says_so(tmp_path):
    env = _env(tmp_path, "site")
    env.update(PLANWATCH_STATIC_CACHE="", PLANWATCH_SCHEMA_CACHE="")
    result = _prepare(env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "database template: cache turned off" in result.stdout
    assert "static files: cache turned off" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == []
