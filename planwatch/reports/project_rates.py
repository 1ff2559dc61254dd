"""The sentences of 重大项目推进情况 that come from the annual figures: the year's 开工率、竣工率、
投资完成率 and the projects off schedule (planwatch.assess.projects counts them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from planwatch.assess.projects import REASONS_ZH, ProjectFacts, off_schedule, project_rates
from planwatch.reports.model import KeyProject
from planwatch.reports.wording import number


def _day(iso: str | None, last: bool = False) -> dt.date | None:
    """``2023-06-30`` as a date; ``2023-06`` as its first (or ``last``) day; else None."""
    if not iso:
        return None
    parts = iso.split("-")
    try:
        year, month = int(parts[0]), int(parts[1]) if len(parts) > 1 else (12 if last else 1)
        if len(parts) > 2:
            return dt.date(year, month, int(parts[2]))
        if last:
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(year, month, 1)
    except (ValueError, IndexError):
        return None


def facts(p: KeyProject) -> ProjectFacts:
    return ProjectFacts(
        name=p.name,
        planned_start=_day(p.planned_start),
        planned_finish=_day(p.planned_finish, last=True),
        actual_start=_day(p.actual_start),
        actual_finish=_day(p.actual_finish),
        total_investment=p.investment,
        planned_by_year=p.planned_by_year,
        invested_by_year=p.invested_by_year,
        cumulative_by_year=p.cumulative_by_year,
        reported_late=p.reported_late,
    )


def has_annual_figures(projects: Sequence[KeyProject]) -> bool:
    return any(p.planned_by_year or p.invested_by_year for p in projects)


def rates_sentence(projects: Sequence[KeyProject], year: int) -> str:
    """“2023年重大项目开工率66.7%、竣工率100%、投资完成率47.5%（完成投资5.7亿元，计划12亿元）；
    偏离计划的项目2个：…。” — empty without annual figures (the register gives none)."""
    if not has_annual_figures(projects):
        return ""
    all_facts = [facts(p) for p in projects]
    rates = project_rates(all_facts, year)
    shown = [
        f"{label}{number(value, 1)}%"
        for label, value in (
            ("开工率", rates.start_rate),
            ("竣工率", rates.finish_rate),
            ("投资完成率", rates.investment_rate),
        )
        if value is not None
    ]
    text = f"{year}年重大项目" + ("、".join(shown) if shown else "无计划开工、竣工或投资的项目")
    if rates.planned_investment:
        text += (
            f"（完成投资{number(rates.invested, 2)}亿元，"
            f"计划{number(rates.planned_investment, 2)}亿元）"
        )
    year_end = dt.date(year + 1, 1, 1)
    off = [(f.name, off_schedule(f, year_end)) for f in all_facts]
    off = [(name, reasons) for name, reasons in off if reasons]
    if off:
        listed = "；".join(
            f"“{name}”{'、'.join(REASONS_ZH[r] for r in reasons)}" for name, reasons in off[:5]
        )
        text += f"；偏离计划的项目{len(off)}个：{listed}"
    return text + "。"


def year_figures(p: KeyProject, year: int) -> str:
    """“2023年计划投资4亿元、完成3.6亿元” for one project, or ""."""
    planned, done = p.planned_by_year.get(year), p.invested_by_year.get(year)
    if planned is None and done is None:
        return ""
    parts = []
    if planned is not None:
        parts.append(f"计划投资{number(planned, 2)}亿元")
    if done is not None:
        parts.append(f"完成{number(done, 2)}亿元")
    return f"{year}年" + "、".join(parts)
