"""Collect and compress static files only when they changed since the last collection.

``collectstatic`` with whitenoise's compressed manifest storage rehashes and recompresses every
file (about 700) each time, well over a second; the files change only when planwatch is
upgraded or edited. After a collection the names, sizes and modification times of the source
files (what the finders list, as collectstatic sees them) are written beside the collected
copies, with the settings that shape them; a start whose sources match that stamp, and whose
manifest is still there, skips the collection. The stamp is removed before collecting, so an
interrupted collection is redone.

What a collection produces depends only on those sources and settings, not on the data, so a
finished one is also kept in a cache of the installation's user (``PLANWATCH_STATIC_CACHE``,
by default ``~/.cache/planwatch/static``; empty turns it off; one directory per stamp, the
last few kept): a new data directory of the same installation (a second site, a fresh demo,
a test run) copies it from there instead of compressing everything again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from planwatch.web.install_cache import cache_dir

STAMP_NAME = ".planwatch-sources.json"
#: Collections kept in the shared directory (the newest; older installs' are removed).
SHARED_KEPT = 3


def sources() -> dict:
    """What a collection depends on: every source file's size and mtime, and the settings."""
    import django
    from django.apps import apps
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    ignore = apps.get_app_config("staticfiles").ignore_patterns
    files: dict[str, list[int]] = {}
    for n, finder in enumerate(get_finders()):
        for path, storage in finder.list(ignore):
            prefix = getattr(storage, "prefix", None) or ""
            stat = os.stat(storage.path(path))
            files[f"{n}:{os.path.join(prefix, path)}"] = [stat.st_size, stat.st_mtime_ns]
    return {
        "storage": settings.STORAGES["staticfiles"]["BACKEND"],
        "static_url": settings.STATIC_URL,
        "django": django.__version__,
        "files": files,
    }


def stamp_path() -> Path:
    from django.conf import settings

    return Path(settings.STATIC_ROOT) / STAMP_NAME


def up_to_date(wanted: dict) -> bool:
    """True when the last collection was made from exactly ``wanted`` and is still in place."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    # The storage's class, not the storage: an instance reads the manifest once, when made,
    # and must not be made before the collected files are in place.
    storage_class = import_string(settings.STORAGES["staticfiles"]["BACKEND"])
    manifest = getattr(storage_class, "manifest_name", None)
    if manifest and not (Path(settings.STATIC_ROOT) / manifest).is_file():
        return False
    try:
        return json.loads(stamp_path().read_text(encoding="utf-8")) == wanted
    except (OSError, ValueError):
        return False


def collect_if_changed() -> bool:
    """Make STATIC_ROOT match the sources unless it does; return whether anything was done."""
    return refresh() != "current"


def refresh() -> str:
    """Make STATIC_ROOT match the sources unless it does, and say how: ``"current"`` (nothing
    to do), ``"copied"`` (from the installation's cache) or ``"collected"`` (collectstatic ran
    and compressed every file, and the result went into the cache when it is on)."""
    from django.conf import settings
    from django.core.management import call_command

    wanted = sources()
    if up_to_date(wanted):
        return "current"
    stamp = stamp_path()
    stamp.unlink(missing_ok=True)
    encoded = json.dumps(wanted, sort_keys=True)
    shared = _shared_dir(encoded)
    root = Path(settings.STATIC_ROOT)
    if shared is not None and (shared / STAMP_NAME).is_file():
        # Copies, not links: whitenoise rewrites its .gz files in place on a later collection.
        shutil.copytree(shared, root, dirs_exist_ok=True)
        if up_to_date(wanted):
            _reload_manifest()
            return "copied"
        stamp.unlink(missing_ok=True)  # a damaged shared copy: collect as if it were not there
    call_command("collectstatic", interactive=False, verbosity=0)
    _write_atomically(stamp, encoded)  # two servers starting at once: either is a whole one
    if shared is not None:
        _share(root, shared)
    return "collected"


def cached() -> Path | None:
    """The installation's cached collection of the current sources, when there is one."""
    shared = _shared_dir(json.dumps(sources(), sort_keys=True))
    return shared if shared is not None and (shared / STAMP_NAME).is_file() else None


def cache_enabled() -> bool:
    return cache_dir("static") is not None


def _reload_manifest() -> None:
    """A storage made before the copy (by an earlier caller) would serve without a manifest."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    if hasattr(staticfiles_storage, "load_manifest"):
        loaded = staticfiles_storage.load_manifest()
        staticfiles_storage.hashed_files, staticfiles_storage.manifest_hash = loaded


def _shared_dir(encoded: str) -> Path | None:
    base = cache_dir("static")
    return None if base is None else base / hashlib.sha256(encoded.encode()).hexdigest()[:20]


def _share(root: Path, shared: Path) -> None:
    """Publish a finished collection whole (copy, then rename) and drop old ones; a shared
    directory that cannot be written to only costs the next data directory a collection."""
    tmp = shared.with_name(f".{shared.name}.{os.getpid()}")
    try:
        shutil.copytree(root, tmp)
        os.rename(tmp, shared)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        return
    kept = sorted(
        (p for p in shared.parent.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in kept[SHARED_KEPT:]:
        shutil.rmtree(old, ignore_errors=True)


def _write_atomically(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}")
    tmp.write_text(content, encoding="utf-8")
    os.replace(tmp, path)
