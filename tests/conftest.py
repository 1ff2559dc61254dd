"""Suite-wide: the PostgreSQL pass runs only what a database can change.

``./dev.sh test`` runs the suite twice, on SQLite and then on a real PostgreSQL server. The core
(reading outlines, assessing, writing reports) imports no Django and touches no database, so its
tests — OCR of scanned pages among them, minutes of CPU — would only repeat the first pass.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CORE_TESTS = tuple(Path(__file__).parent / name for name in ("outline", "assess", "reports"))


def pytest_collection_modifyitems(config, items):
    if os.environ.get("PLANWATCH_TEST_DB") != "postgresql":
        return
    same = pytest.mark.skip(reason="database-independent core test: run in the SQLite pass")
    for item in items:
        if any(Path(item.fspath).is_relative_to(folder) for folder in CORE_TESTS):
            item.add_marker(same)
