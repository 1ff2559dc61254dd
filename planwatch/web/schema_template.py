"""A new SQLite database copied from a migrated template instead of running every migration.

Migrating an empty database runs every migration of every app and the post-migrate steps
(content types, permissions): 2–3 s, the largest part of a first start. What it leaves depends
only on the migration files, Django's and SQLite's versions and the settings that pick and name
the migrations (the installed apps, in order, which numbers the content types and permissions;
the user model; ``MIGRATION_MODULES``) — not on the data, the date or the machine. So the
first database an installation migrates from empty is copied (SQLite's backup API, right after
``migrate`` and before anything else is written) into a cache of the installation's user,
``PLANWATCH_SCHEMA_CACHE`` (by default ``~/.cache/planwatch/schema``; empty turns it off), under
a digest of all of these; the last few are kept. A new data directory whose digest has a
template gets a copy of it, with the ``applied`` times of ``django_migrations`` set to the
copy's time as a migration would have set them.

The copy is then checked as any start checks its database: the migration loader must find
every migration applied and nothing to apply; otherwise (a template that does not match after
all) ``migrate`` runs on it as on any database, and a copy that cannot be read is removed, with
its template, and the database migrated from empty. Only a database file that does not exist
yet is ever made this way; an existing database, an in-memory one and PostgreSQL are migrated
as before.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import sqlite3
from pathlib import Path

from planwatch.web import install_cache

SUFFIX = ".sqlite3"
#: Templates kept in the shared directory (the newest; older installs' are removed).
KEPT = 3


def new_database_path(alias: str = "default") -> Path | None:
    """The file of the SQLite database ``alias`` when it does not exist yet, else None."""
    from django.db import connections

    connection = connections[alias]
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return None
    path = Path(connection.settings_dict["NAME"])
    if path.exists() or Path(f"{path}-wal").exists():
        return None
    return path


def migration_sources() -> list[tuple[str, list[Path]]]:
    """Each installed app's label, in order, with the files of its migrations package."""
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    found = []
    for config in apps.get_app_configs():
        module, _explicit = MigrationLoader.migrations_module(config.label)
        files: list[Path] = []
        spec = importlib.util.find_spec(module) if module else None
        for folder in (spec.submodule_search_locations or []) if spec else []:
            files += sorted(
                p for p in Path(folder).iterdir() if p.is_file() and not p.name.startswith(".")
            )
        found.append((f"{config.label}={config.name}:{module}", files))
    return found


def digest(sources: list[tuple[str, list[Path]]] | None = None) -> str:
    """What a migrated empty database depends on, as one name."""
    import django
    from django.conf import settings

    hasher = hashlib.sha256()
    for part in (
        f"django {django.__version__}",
        f"sqlite {sqlite3.sqlite_version}",
        f"user {settings.AUTH_USER_MODEL}",
        f"auto {settings.DEFAULT_AUTO_FIELD}",
    ):
        hasher.update(part.encode() + b"\n")
    for app, files in migration_sources() if sources is None else sources:
        hasher.update(f"app {app}\n".encode())
        for path in files:
            content = path.read_bytes()
            hasher.update(f"{path.name} {len(content)}\n".encode())
            hasher.update(content)
    return hasher.hexdigest()[:24]


def cache_dir() -> Path | None:
    return install_cache.cache_dir("schema")


def template_path(name: str) -> Path | None:
    base = cache_dir()
    return None if base is None else base / f"{name}{SUFFIX}"


def copy_template(path: Path, name: str) -> bool:
    """Put the template ``name`` at ``path`` (which must not exist); True when it is there.

    The copy is made beside ``path`` and linked into place, so that a server starting at the
    same moment either finds no file (and migrates, or copies too) or a whole one.
    """
    template = template_path(name)
    if template is None or not template.is_file():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        shutil.copyfile(template, tmp)
        os.link(tmp, path)
    except OSError:  # unreadable template, or another process made the file first
        return False
    finally:
        tmp.unlink(missing_ok=True)
    return True


def stamp_applied(alias: str = "default") -> None:
    """The migrations' ``applied`` times as if they had run now (migrate writes them so)."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder
    from django.utils import timezone

    recorder = MigrationRecorder(connections[alias])
    recorder.migration_qs.update(applied=timezone.now())


def discard(path: Path, name: str) -> None:
    """Remove a copy that turned out unreadable (with its WAL files), to migrate from empty,
    and the template it came from, so that this migration makes a sound one."""
    from django.db import connections

    for connection in connections.all():
        if connection.vendor == "sqlite" and Path(connection.settings_dict["NAME"]) == path:
            connection.close()
    template = template_path(name)
    for damaged in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), template):
        if damaged is not None:
            damaged.unlink(missing_ok=True)


def keep(name: str, alias: str = "default") -> bool:
    """Publish the database ``alias``, just migrated from empty, as the template ``name``;
    a cache that cannot be written to only costs the next data directory a migration."""
    from django.db import connections

    template = template_path(name)
    if template is None or template.exists():
        return False
    connection = connections[alias]
    connection.ensure_connection()
    tmp = template.with_name(f".{template.name}.{os.getpid()}")
    try:
        template.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(tmp)
        try:
            connection.connection.backup(target)
            # One self-contained file (the copy's first connection turns WAL on again).
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
        os.replace(tmp, template)
    except (OSError, sqlite3.Error):
        tmp.unlink(missing_ok=True)
        return False
    kept = sorted(
        (p for p in template.parent.glob(f"*{SUFFIX}") if not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in kept[KEPT:]:
        old.unlink(missing_ok=True)
    return True
