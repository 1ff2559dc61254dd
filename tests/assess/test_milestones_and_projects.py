"""A task's state from its milestones, and the major projects' rates, computed by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.assess.milestones import DONE, LATE, ON_SCHEDULE, MilestoneFacts, task_state
from planwatch.assess.projects import (
    NOT_STARTED,
    UNDER_INVESTED,
    ProjectFacts,
    off_schedule,
    on_schedule_in_year,
    project_rates,
)

D = dt.date
TODAY = D(2023, 7, 1)


def test_a_task_without_milestones_has_no_milestone_state():
    assert task_state([], TODAY) is None


def test_all_done_is_done_even_if_one_was_done_after_its_date():
    steps = [
        MilestoneFacts(D(2022, 6, 30), DONE, D(2022, 8, 1)),  # late, but made good
        MilestoneFacts(D(2023, 6, 30), DONE, D(2023, 6, 1)),
    ]
    assert task_state(steps, TODAY) == DONE


def test_a_step_past_its_date_and_not_done_makes_the_task_late():
    steps = [MilestoneFacts(D(2022, 12, 31), DONE), MilestoneFacts(D(2023, 6, 30), "in_progress")]
    assert task_state(steps, TODAY) == LATE
    # the day it is due it is not yet late
    assert task_state(steps, D(2023, 6, 30)) == ON_SCHEDULE


def test_a_step_reported_late_before_its_date_makes_the_task_late():
    steps = [MilestoneFacts(D(2024, 6, 30), LATE), MilestoneFacts(D(2025, 6, 30), None)]
    assert task_state(steps, TODAY) == LATE


def test_steps_in_time_are_on_schedule():
    steps = [MilestoneFacts(D(2022, 12, 31), DONE), MilestoneFacts(D(2024, 6, 30), None)]
    assert task_state(steps, TODAY) == ON_SCHEDULE


# Four projects, by hand (亿元):
#   A: planned 2021-03 → 2023-12, started 2021-04, finished 2023-11; 2023 plan 4.0, done 3.6;
#      total 12, cumulative to 2023 11.5
#   B: planned 2021-06 → 2025-06, started 2021-07; 2023 plan 5.0, done 2.1; total 20, cum 6.8
#   C: planned 2022-03 → 2024-12, not started; 2023 plan 3.0, nothing done; total 8
#   D: planned 2024-01 → 2026-06, not started; no 2023 plan; total 5
PROJECTS = [
    ProjectFacts("A", D(2021, 3, 1), D(2023, 12, 31), D(2021, 4, 15), D(2023, 11, 30), 12.0,
                 {2023: 4.0}, {2023: 3.6}, {2023: 11.5}),
    ProjectFacts("B", D(2021, 6, 1), D(2025, 6, 30), D(2021, 7, 16), None, 20.0,
                 {2023: 5.0}, {2023: 2.1}, {2023: 6.8}),
    ProjectFacts("C", D(2022, 3, 1), D(2024, 12, 31), None, None, 8.0, {2023: 3.0}),
    ProjectFacts("D", D(2024, 1, 1), D(2026, 6, 30), None, None, 5.0),
]  # fmt: skip


def test_the_2023_rates_by_hand():
    rates = project_rates(PROJECTS, 2023)
    # 开工率: due to start by end-2023 A, B, C (3); started A, B (2) → 66.67 %
    assert (rates.due_to_start, rates.started) == (3, 2)
    assert rates.start_rate == pytest.approx(200 / 3)
    # 竣工率: due to finish by end-2023 only A; A finished → 100 %
    assert (rates.due_to_finish, rates.finished) == (1, 1)
    assert rates.finish_rate == pytest.approx(100.0)
    # 投资完成率: (3.6 + 2.1 + 0) ÷ (4 + 5 + 3) = 5.7 ÷ 12 = 47.5 %
    assert rates.planned_investment == pytest.approx(12.0)
    assert rates.investment_rate == pytest.approx(47.5)
    # 累计投资完成率: (11.5 + 6.8) ÷ (12 + 20 + 8 + 5) = 18.3 ÷ 45 = 40.67 %
    assert rates.cumulative_rate == pytest.approx(18.3 / 45 * 100)


def test_a_year_with_nothing_due_has_no_rate_not_zero():
    rates = project_rates(PROJECTS, 2022)
    assert rates.finish_rate is None  # nothing was due to finish by end-2022
    assert rates.investment_rate is None  # no project had a 2022 plan
    assert rates.start_rate == pytest.approx(200 / 3)  # A, B of A, B, C


def test_cumulative_falls_back_to_the_sum_of_the_years():
    p = ProjectFacts("E", invested_by_year={2021: 1.0, 2022: 2.5, 2023: 3.0})
    assert p.cumulative(2022) == pytest.approx(3.5)
    assert p.cumulative(2020) is None


def test_off_schedule_projects_and_why():
    today = D(2024, 3, 1)
    by_name = {p.name: off_schedule(p, today) for p in PROJECTS}
    assert by_name["A"] == []
    assert by_name["B"] == [UNDER_INVESTED]  # 2.1 of 5.0 in 2023: below half
    assert by_name["C"] == [NOT_STARTED]  # no 2023 figure: no shortfall claimed
    assert by_name["D"] == [NOT_STARTED]  # planned for 2024-01-01
    assert off_schedule(PROJECTS[3], D(2024, 1, 1)) == []  # not yet past its start


def test_a_year_nobody_has_reported_yet_has_no_investment_rate():
    rates = project_rates(PROJECTS, 2024)  # B and C have no 2024 plan; nobody reported 2024
    assert rates.investment_rate is None
    planned = [ProjectFacts("F", planned_by_year={2024: 2.0})]
    assert project_rates(planned, 2024).investment_rate is None  # planned, not yet reported
    reported = [
        *planned,
        ProjectFacts("G", planned_by_year={2024: 2.0}, invested_by_year={2024: 1.0}),
    ]
    assert project_rates(reported, 2024).investment_rate == pytest.approx(25.0)  # 1 ÷ (2 + 2)


def test_projects_on_schedule_in_a_year_as_they_stood_at_its_end():
    """2023: A started on time (on); B planned 2023-04-01, started 2024-02-01 (not started at
    the end of 2023: off); C finished in 2022 and D starts in 2025 (neither judged); E has a
    2023 plan of 4 but invested 1.5 (< half: off). → 1 of 3. While 2023 runs (2023-03-01), B
    is not yet due and E's 2023 shortfall is not yet judged: 3 of 3."""
    projects = [
        ProjectFacts("A", planned_start=D(2023, 1, 1), actual_start=D(2023, 1, 5)),
        ProjectFacts("B", planned_start=D(2023, 4, 1), actual_start=D(2024, 2, 1)),
        ProjectFacts("C", planned_start=D(2021, 1, 1), actual_start=D(2021, 1, 1),
                     planned_finish=D(2022, 12, 31), actual_finish=D(2022, 10, 1)),
        ProjectFacts("D", planned_start=D(2025, 1, 1)),
        ProjectFacts("E", planned_start=D(2022, 6, 1), actual_start=D(2022, 6, 1),
                     planned_by_year={2023: 4.0}, invested_by_year={2023: 1.5}),
    ]  # fmt: skip
    assert on_schedule_in_year(projects, 2023, D(2026, 1, 1)) == (1, 3)
    assert on_schedule_in_year(projects, 2023, D(2023, 3, 1)) == (3, 3)
