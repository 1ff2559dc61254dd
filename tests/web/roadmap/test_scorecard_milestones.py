"""The roadmap's milestones in the departments' scorecard (supervision): met by their date."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.web.supervision.services.scorecard import build_scorecard

pytestmark = pytest.mark.django_db


def _row(card, name):
    return next(r for r in card.rows if r.department == name)


def _component(row, code):
    return next(c for c in row.components if c.code == code)


def test_milestones_due_in_the_year_score_as_met_by_their_date(roadmap, departments):
    """Science owns 方案 (due 2023-03-31) and 试点 (due 2023-09-30): 方案 done on 2023-03-20,
    试点 done on 2023-10-15 (after its date) → 1 of 2 met = 50. Environment's 验收 is due in
    2024: nothing of its own due in 2023, the component does not apply."""
    reporter = roadmap.users["reporter"]
    roadmap.report_approved(
        reporter, roadmap.round, roadmap.plan_m1, state="done", done_on=dt.date(2023, 3, 20)
    )
    roadmap.report_approved(
        reporter, roadmap.round, roadmap.pilot, state="done", done_on=dt.date(2023, 10, 15)
    )
    card = build_scorecard(roadmap.plan, 2023)
    science = _component(_row(card, departments["science"].name), "milestones")
    assert (science.score, science.measure.counted) == (50.0, 2)
    env = _component(_row(card, departments["env"].name), "milestones")
    assert env.measure is None
