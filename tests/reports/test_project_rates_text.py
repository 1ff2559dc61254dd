"""The 重大项目推进情况 sentence from the annual figures, checked against hand counts."""

from __future__ import annotations

from planwatch.reports.model import KeyProject
from planwatch.reports.project_rates import rates_sentence, year_figures

# A: planned 2021-03 → 2023-12, started 2021-04, finished 2023-11; 2023 plan 4, done 3.6
# B: planned 2021-06 → 2025-06, started 2021-07; 2023 plan 5, done 2.1 (under half)
# C: planned 2022-03 → 2024-12, not started; 2023 plan 3, nothing reported
PROJECTS = [
    KeyProject("A", 12.0, "2021-03", "2023-12", "2021-04-15", "2023-11-30",
               planned_by_year={2023: 4.0}, invested_by_year={2023: 3.6}),
    KeyProject("B", 20.0, "2021-06-01", "2025-06-30", "2021-07-16",
               planned_by_year={2023: 5.0}, invested_by_year={2023: 2.1}),
    KeyProject("C", 8.0, "2022-03-01", "2024-12-31", planned_by_year={2023: 3.0}),
]  # fmt: skip


def test_the_years_rates_and_the_projects_off_schedule():
    # 开工率 2/3 = 66.7 %; 竣工率 1/1 = 100 %; 投资完成率 5.7/12 = 47.5 %
    text = rates_sentence(PROJECTS, 2023)
    assert text.startswith("2023年重大项目开工率66.7%、竣工率100")
    assert "投资完成率47.5%（完成投资5.7亿元，计划12亿元）" in text
    # at the end of 2023: B invested under half its plan; C has not started
    assert "偏离计划的项目2个" in text
    assert "“B”年度完成投资不足计划的一半" in text and "“C”超过计划开工时间未开工" in text


def test_without_annual_figures_nothing_is_said():
    assert rates_sentence([KeyProject("D", 5.0, "2024-01")], 2023) == ""


def test_one_projects_year():
    assert year_figures(PROJECTS[0], 2023) == "2023年计划投资4亿元、完成3.6亿元"
    assert year_figures(PROJECTS[2], 2023) == "2023年计划投资3亿元"
    assert year_figures(PROJECTS[2], 2022) == ""
