"""Fixtures for the report tests; the objects themselves are built in report_samples.py."""

from __future__ import annotations

import pytest
from report_samples import make_assessment, make_extras, make_plan

from planwatch.assess.model import PlanAssessment
from planwatch.outline.model import Plan
from planwatch.reports.model import ReportExtras


@pytest.fixture
def plan() -> Plan:
    return make_plan()


@pytest.fixture
def assessment() -> PlanAssessment:
    return make_assessment()


@pytest.fixture
def extras() -> ReportExtras:
    return make_extras()
