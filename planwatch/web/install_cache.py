"""Where an installation keeps what every new data directory may copy instead of redoing it
(the compressed static files, the migrated schema): the user's cache, one folder per kind."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir(kind: str) -> Path | None:
    """``$PLANWATCH_<KIND>_CACHE`` when set (empty turns the cache off), else
    ``$XDG_CACHE_HOME/planwatch/<kind>`` or ``~/.cache/planwatch/<kind>``; None when off or
    when there is no home to put it in."""
    base = os.environ.get(f"PLANWATCH_{kind.upper()}_CACHE")
    if base is None:
        cache = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
        base = "" if cache.startswith("~") else os.path.join(cache, "planwatch", kind)
    return Path(base) if base else None
