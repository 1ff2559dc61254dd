"""Collect and compress static files only when they changed since the last collection.

``collectstatic`` with whitenoise's compressed manifest storage rehashes and recompresses every
file (about 700) each time, well over a second; the files change only when planwatch is
upgraded or edited. After a collection the names, sizes and modification times of the source
files (what the finders list, as collectstatic sees them) are written beside the collected
copies, with the settings that shape them; a start whose sources match that stamp, and whose
manifest is still there, skips the collection. The stamp is removed before collecting, so an
interrupted collection is redone.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

STAMP_NAME = ".planwatch-sources.json"


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
    from django.contrib.staticfiles.storage import staticfiles_storage

    manifest = getattr(staticfiles_storage, "manifest_name", None)
    if manifest and not staticfiles_storage.exists(manifest):
        return False
    try:
        return json.loads(stamp_path().read_text(encoding="utf-8")) == wanted
    except (OSError, ValueError):
        return False


def collect_if_changed() -> bool:
    """Run collectstatic unless the sources match the stamp; return whether it ran."""
    from django.core.management import call_command

    wanted = sources()
    if up_to_date(wanted):
        return False
    stamp = stamp_path()
    stamp.unlink(missing_ok=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    tmp = stamp.with_name(f"{STAMP_NAME}.{os.getpid()}")
    tmp.write_text(json.dumps(wanted, sort_keys=True), encoding="utf-8")
    os.replace(tmp, stamp)  # two servers starting at once: either stamp is a whole one
    return True
