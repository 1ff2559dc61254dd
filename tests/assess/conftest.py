"""Fixtures for the assessment tests."""

import json

import pytest

from planwatch.outline.model import Plan

from .handmade import FIXTURES


@pytest.fixture
def zibo_plan() -> Plan:
    """The sample outline's 21 indicator rows and 7 prose targets, typed in by hand as JSON."""
    return Plan.from_dict(json.loads((FIXTURES / "zibo-plan.json").read_text(encoding="utf-8")))
