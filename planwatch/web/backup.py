"""``planwatch backup FILE`` and ``planwatch restore FILE``: the whole database, while it runs.

SQLite is copied with its online backup API (a consistent copy while the server keeps
writing; the restore copies back page by page under the database's own lock). PostgreSQL
(``DATABASE_URL``) is dumped with ``pg_dump --format=custom`` and restored with
``pg_restore --clean --single-transaction``: all of it or none of it.

A restore ends by migrating (a backup from an older version gets the newer columns) and by
replacing the global data revision (``history.revision``): every cache key of every running
server names the revision, so no server shows a page cached before the restore — no restart.
Uploaded evidence files live in the data directory, not in the database: copy
``$PLANWATCH_DATA_DIR/media`` alongside (docs/deployment.md, "Backup and restore").
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management import call_command
from django.db import connection

from planwatch.errors import PlanwatchError, text
from planwatch.web.history import revision


def backup(target: Path) -> str:
    """Write the database to ``target``; returns what was written (for the CLI's line)."""
    target = Path(target)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        if target.exists():
            target.unlink()  # a fresh file: the backup API writes into an empty database
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return "SQLite"
    if connection.vendor == "postgresql":
        _run("pg_dump", ["--format=custom", "--no-owner", f"--file={target}"])
        return "PostgreSQL (pg_dump)"
    raise PlanwatchError(_unsupported())


def restore(source: Path) -> str:
    """Replace the database with the backup in ``source``, migrate, new data revision."""
    source = Path(source)
    if not source.is_file():
        raise PlanwatchError(
            text("backup.no_file", "备份文件不存在：{path}", "no backup file: {path}", path=source)
        )
    if connection.vendor == "sqlite":
        _check_sqlite_backup(source)
        connection.ensure_connection()
        with sqlite3.connect(source) as copy:
            copy.backup(connection.connection)
        copy.close()
        done = "SQLite"
    elif connection.vendor == "postgresql":
        connection.close()  # pg_restore drops and recreates the tables this session would hold
        _run(
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                str(source),
            ],
        )
        done = "PostgreSQL (pg_restore)"
    else:
        raise PlanwatchError(_unsupported())
    call_command("migrate", interactive=False, verbosity=0)
    revision.bump(None)  # every cached page and assessment names the old revision
    return done


def _check_sqlite_backup(source: Path) -> None:
    """Refuse, before anything is overwritten, a file that is not a planwatch database."""
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as probe:
            tables = {row[0] for row in probe.execute("SELECT name FROM sqlite_master")}
        probe.close()
    except sqlite3.DatabaseError:
        tables = set()
    if not {"django_migrations", "plans_plan"} <= tables:
        raise PlanwatchError(
            text(
                "backup.not_a_backup",
                "{path} 不是 planwatch 的数据库备份（SQLite）；数据库未作任何改动。",
                "{path} is not a planwatch database backup (SQLite); nothing was changed.",
                path=source,
            )
        )


def _connection_arguments() -> tuple[list[str], dict[str, str]]:
    """pg_dump / pg_restore arguments naming the database Django uses (the test database in
    tests), the password in the environment rather than on the command line."""
    db = connection.settings_dict
    arguments = [f"--dbname={db['NAME']}"]
    if db.get("HOST"):
        arguments.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        arguments.append(f"--port={db['PORT']}")
    if db.get("USER"):
        arguments.append(f"--username={db['USER']}")
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"]} if db.get("PASSWORD") else dict(os.environ)
    return arguments, env


def _run(program: str, arguments: list[str]) -> None:
    if shutil.which(program) is None:
        raise PlanwatchError(
            text(
                "backup.no_tool",
                "找不到 {program}：请安装 PostgreSQL 客户端（Debian：apt-get install "
                "postgresql-client），其版本应不低于数据库服务器。",
                "{program} not found: install the PostgreSQL client (Debian: apt-get install "
                "postgresql-client), of the server's version or newer.",
                program=program,
            )
        )
    where, env = _connection_arguments()
    done = subprocess.run(
        [program, *where, *arguments], capture_output=True, text=True, check=False, env=env
    )
    if done.returncode != 0:
        raise PlanwatchError(
            text(
                "backup.tool_failed",
                "{program} 失败（退出码 {status}）：{detail}",
                "{program} failed (exit status {status}): {detail}",
                program=program,
                status=done.returncode,
                detail=(done.stderr or done.stdout).strip()[-500:],
            )
        )


def _unsupported():
    return text(
        "backup.unsupported",
        "只支持 SQLite 和 PostgreSQL 数据库的备份与恢复（当前：{vendor}）。",
        "backup and restore support SQLite and PostgreSQL only (this database: {vendor}).",
        vendor=connection.vendor,
    )
