"""A new SQLite data directory copied from the installation's migrated template is what
``migrate`` leaves; a template of another set of migrations, or a damaged one, is not used."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from planwatch.web import schema_template


def _run(data: Path, cache: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANWATCH_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)  # a private SQLite database in data
    env.update(LANG="en_US.UTF-8", PLANWATCH_DATA_DIR=str(data), PLANWATCH_SCHEMA_CACHE=str(cache))
    return subprocess.run(
        [sys.executable, "-m", *args], env=env, capture_output=True, text=True, timeout=180
    )


def _rows(path: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


SCHEMA = "SELECT type, name, sql FROM sqlite_master WHERE name != 'copied_marker' ORDER BY name"
GRANTS = (
    "SELECT p.id, p.codename, p.name, c.id, c.app_label, c.model FROM auth_permission p "
    "JOIN django_content_type c ON c.id = p.content_type_id ORDER BY p.id"
)


@pytest.mark.slow
def test_a_data_dir_made_from_the_template_is_what_migrate_leaves(tmp_path):
    cache = tmp_path / "cache"
    first, second = tmp_path / "first", tmp_path / "second"
    assert _run(first, cache, "planwatch", "plan", "list").returncode == 0
    templates = list(cache.glob("*.sqlite3"))
    assert len(templates) == 1  # the first database migrated from empty
    # Mark the template, to tell a copy from a second migration.
    db = sqlite3.connect(templates[0])
    db.execute("CREATE TABLE copied_marker (id integer)")
    db.close()

    listed = _run(second, cache, "planwatch", "plan", "list")
    assert listed.returncode == 0, listed.stderr
    db_first, db_second = first / "planwatch.sqlite3", second / "planwatch.sqlite3"
    assert _rows(db_second, "SELECT name FROM sqlite_master WHERE name = 'copied_marker'")

    # Django sees the same migrations applied, nothing left to apply …
    check = _run(second, cache, "planwatch.web.manage", "migrate", "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    shown = [
        _run(d, cache, "planwatch.web.manage", "showmigrations", "--plan") for d in (first, second)
    ]
    assert shown[0].stdout == shown[1].stdout and "[X]" in shown[0].stdout
    assert "[ ]" not in shown[1].stdout
    # … the same tables and indexes, content types and permissions with the same ids …
    assert _rows(db_first, SCHEMA) == _rows(db_second, SCHEMA)
    assert _rows(db_first, GRANTS) == _rows(db_second, GRANTS) != []
    # … and the applied times are the copy's, not the template's.
    (applied,) = _rows(db_second, "SELECT min(applied) FROM django_migrations")[0]
    (made,) = _rows(db_first, "SELECT max(applied) FROM django_migrations")[0]
    assert applied > made


@pytest.mark.slow
def test_a_damaged_template_is_replaced_and_the_database_migrated(tmp_path):
    cache = tmp_path / "cache"
    assert _run(tmp_path / "first", cache, "planwatch", "plan", "list").returncode == 0
    (template,) = cache.glob("*.sqlite3")
    template.write_bytes(b"not a database" * 100)

    listed = _run(tmp_path / "second", cache, "planwatch", "plan", "list")
    assert listed.returncode == 0, listed.stderr
    check = _run(tmp_path / "second", cache, "planwatch.web.manage", "migrate", "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    # The migration of the second data directory made a sound template in its place.
    assert _rows(template, "SELECT count(*) FROM django_migrations")[0][0] > 50


def test_another_set_of_migrations_has_another_template(tmp_path, settings, monkeypatch):
    sources = schema_template.migration_sources()
    labels = [app.split("=")[0] for app, _files in sources]
    assert "plans" in labels and "auth" in labels
    plans = labels.index("plans")
    app, files = sources[plans]
    assert any(f.name == "0001_initial.py" for f in files)
    copies = []
    for f in files:
        copies.append(tmp_path / f.name)
        copies[-1].write_bytes(f.read_bytes())

    def digest_with(changed_files=None, order=None):
        changed = list(sources)
        if changed_files is not None:
            changed[plans] = (app, changed_files)
        return schema_template.digest(order or changed)

    same = digest_with(copies)
    assert same == schema_template.digest()  # the copies alone name the same template
    edited = tmp_path / "0001_initial.py"
    edited.write_text(edited.read_text() + "\n# an edit\n")
    assert digest_with(copies) != same
    added = [*copies, tmp_path / "0099_more.py"]
    added[-1].write_text("")
    assert digest_with(added) != same
    assert digest_with(order=[sources[plans], *sources[:plans], *sources[plans + 1 :]]) != same
    settings.DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
    assert schema_template.digest(sources) != same

    # A template kept under one digest is never copied for another.
    cache = tmp_path / "cache"
    monkeypatch.setenv("PLANWATCH_SCHEMA_CACHE", str(cache))
    cache.mkdir()
    (cache / f"{same}.sqlite3").write_bytes(b"SQLite format 3")
    assert schema_template.copy_template(tmp_path / "db.sqlite3", "another") is False
    assert not (tmp_path / "db.sqlite3").exists()
    assert schema_template.copy_template(tmp_path / "db.sqlite3", same) is True
    assert (tmp_path / "db.sqlite3").read_bytes() == b"SQLite format 3"
    # … and never over a database that is there.
    assert schema_template.copy_template(tmp_path / "db.sqlite3", same) is False


@pytest.mark.django_db
def test_only_a_new_sqlite_file_is_made_from_a_template():
    # The test database exists (PostgreSQL, or SQLite in memory): migrated as it is.
    assert schema_template.new_database_path() is None
