"""The compiled build of the assessment core, and when its plain-Python source runs instead.

``pip install`` compiles the modules below with Cython where a C compiler is at hand (setup.py);
the compiled module sits beside its source and Python prefers it. The source stays the one
definition: the compiled module is used only while it was built from exactly the source beside it
(a digest recorded at build time), so an edited, pulled or checked-out module runs from source
until the next install, and ``PLANWATCH_PURE=1`` runs every module from source. No compiler, no
Cython, or a failed build: everything runs from source, with the same results, only slower.

Standard library only: setup.py loads this file by path before the package is installed.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path

#: The modules an assessment runs through, in the order the build lists them.
COMPILED = (
    "planwatch.errors",
    "planwatch.outline.model",
    "planwatch.assess.annual",
    "planwatch.assess.engine",
    "planwatch.assess.explain",
    "planwatch.assess.international",
    "planwatch.assess.items",
    "planwatch.assess.methods",
    "planwatch.assess.model",
    "planwatch.assess.numbers",
    "planwatch.assess.outlook",
    "planwatch.assess.plausibility",
    "planwatch.assess.projection",
    "planwatch.assess.rollup",
    "planwatch.assess.status",
    "planwatch.assess.units",
    "planwatch.assess.wording",
    "planwatch.assess.words",
)
#: Where the build records each compiled module's source digest (module name → sha256 hex).
MANIFEST = "compiled-sources.json"
PACKAGE_DIR = Path(__file__).resolve().parent


def source_path(module: str, root: Path = PACKAGE_DIR.parent) -> Path:
    """planwatch.assess.engine → <root>/planwatch/assess/engine.py"""
    return root.joinpath(*module.split(".")).with_suffix(".py")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pure_requested() -> bool:
    return os.environ.get("PLANWATCH_PURE", "").strip() not in ("", "0")


def built_from(built: dict[str, str], name: str, source: Path) -> bool:
    """Whether module ``name``'s compiled build (per the manifest ``built``) is of ``source``."""
    return name in built and source.is_file() and built[name] == digest(source)


def _built_digests() -> dict[str, str]:
    try:
        return json.loads((PACKAGE_DIR / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


class SourceUnlessCompiledMatches(importlib.abc.MetaPathFinder):
    """Finds a listed module's plain source where its compiled build is not from that source."""

    def __init__(self, built: dict[str, str], pure: bool) -> None:
        self.built, self.pure = built, pure
        self.compiled: set[str] = set()

    def find_spec(self, name, path, target=None):
        if name not in COMPILED:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or not isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
            return None  # no compiled build here: the normal import finds the source
        source = Path(spec.origin).with_name(name.rpartition(".")[2] + ".py")
        if not self.pure and built_from(self.built, name, source):
            self.compiled.add(name)
            return spec
        return importlib.util.spec_from_file_location(name, source)


def install() -> SourceUnlessCompiledMatches:
    """Put the finder first on sys.meta_path (once); planwatch/__init__.py calls this."""
    for finder in sys.meta_path:
        if isinstance(finder, SourceUnlessCompiledMatches):
            return finder
    finder = SourceUnlessCompiledMatches(_built_digests(), pure_requested())
    sys.meta_path.insert(0, finder)
    return finder


def compiled_modules() -> list[str]:
    """The listed modules imported so far that run compiled (for the benches' labels)."""
    return sorted(install().compiled)


def stale(root: Path = PACKAGE_DIR.parent) -> list[str]:
    """Listed modules whose compiled build is from another source (none where nothing is built)."""
    built = _built_digests()
    return [
        name
        for name in COMPILED
        if name in built and not built_from(built, name, source_path(name, root))
    ]
