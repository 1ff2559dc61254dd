"""What a report says, worked out once from the plan, the assessment and the extras.

Both writers (.docx and .xlsx) read a :class:`ReportContent`; neither looks anything up on its
own, so the Word draft and the Excel tables cannot disagree about an item, a department or a
source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from planwatch.assess.model import ItemAssessment, PlanAssessment
from planwatch.assess.status import NO_DATA
from planwatch.outline.model import Indicator, Plan, ProseTarget, TargetValue, YearValue
from planwatch.reports.model import (
    Assignment,
    DepartmentTemplate,
    KeyProject,
    ReportExtras,
    TaskProgress,
)
from planwatch.reports.template import TemplateMeta, TemplateRow, sheets_of
from planwatch.reports.wording import MISSING, latest, target_origin, target_phrase, year_span
from planwatch.reports.wording import reported as _figure

KIND_TITLES = {"annual": "年度监测报告", "midterm": "中期评估报告"}
UNSOURCED = "未注明来源"


@dataclass(frozen=True)
class SourceRow:
    """One item in the appendix: its baseline, its target and origin, its figures' sources."""

    name: str
    baseline: str
    target: str
    monitored: str


@dataclass
class ChapterProgress:
    number: str
    title: str
    tasks: list[TaskProgress] = field(default_factory=list)
    projects: list[KeyProject] = field(default_factory=list)


@dataclass(frozen=True)
class DivisionRow:
    code: str
    kind: str  # 指标, 目标, 任务
    location: str
    content: str
    lead: str
    support: str


@dataclass
class ReportContent:
    kind: str
    plan: Plan
    assessment: PlanAssessment
    extra: ReportExtras

    @property
    def year(self) -> int:
        return self.assessment.year

    @cached_property
    def plan_name(self) -> str:
        return self.plan.title.strip().strip("《》") or "规划纲要"

    @property
    def title(self) -> str:
        if self.kind == "midterm":
            return f"《{self.plan_name}》实施{KIND_TITLES['midterm']}"
        return f"《{self.plan_name}》{self.year}年实施情况监测报告"

    @property
    def issuer(self) -> str | None:
        return self.extra.issuer or self.plan.issuer

    @cached_property
    def period(self) -> tuple[int | None, int | None]:
        """First and last year of the plan period (2021, 2025 for a plan based on 2020)."""
        if self.extra.period:
            return self.extra.period
        first = self.plan.base_year + 1 if self.plan.base_year else None
        return first, self.plan.target_year

    @property
    def years_elapsed(self) -> int | None:
        first = self.period[0]
        return self.year - first + 1 if first else None

    @property
    def time_share(self) -> float | None:
        first, last = self.period
        if not first or not last or last < first:
            return None
        return min(max((self.year - first + 1) / (last - first + 1), 0.0), 1.0)

    @cached_property
    def indicators(self) -> list[ItemAssessment]:
        """Every row of the plan's indicator table, assessed or not, in table order."""
        found = {i.code: i for i in self.assessment.indicators}
        rows = [
            found.pop(ind.code, None) or _unassessed_indicator(ind) for ind in self.plan.indicators
        ]
        return rows + list(found.values())

    @cached_property
    def _all_targets(self) -> list[ItemAssessment]:
        found = {i.code: i for i in self.assessment.targets}
        rows = [found.pop(t.code, None) or _unassessed_target(t) for t in self.plan.targets]
        return rows + list(found.values())

    @cached_property
    def restated(self) -> dict[str, ItemAssessment]:
        """Prose targets that restate a table indicator, by the indicator's code: one item,
        one row — the table row counts, the text is noted as its other place."""
        restates = {
            t.code: getattr(t, "restates", None) for t in self.plan.targets
        }  # the outline's link, where the engine did not copy it
        table = {i.code for i in self.indicators}
        out: dict[str, ItemAssessment] = {}
        for t in self._all_targets:
            code = getattr(t, "restates", None) or restates.get(t.code)
            if code in table:
                out.setdefault(code, t)
        return out

    @cached_property
    def targets(self) -> list[ItemAssessment]:
        """The prose targets that are items of their own (restatements left out)."""
        linked = {id(t) for t in self.restated.values()}
        return [t for t in self._all_targets if id(t) not in linked]

    @property
    def items(self) -> list[ItemAssessment]:
        return [*self.indicators, *self.targets]

    def is_binding(self, item: ItemAssessment) -> bool:
        return self.attributes.get(item.code) == "约束性"

    def order(self, item: ItemAssessment) -> tuple[int, int, str]:
        return _order(item)

    def growth_text(self, item: ItemAssessment) -> str | None:
        """年均增长15% or 累计〔1.76〕 as the outline's table prints it, for the 目标值 cell."""
        ind = self._plan_indicators.get(item.code)
        if ind is None:
            return None
        if ind.annual_growth and (ind.annual_growth.text or ind.annual_growth.value is not None):
            shown = ind.annual_growth.text or f"{ind.annual_growth.value:g}"
            return f"年均增长{shown}"
        if ind.cumulative_change and (
            ind.cumulative_change.text or ind.cumulative_change.value is not None
        ):
            shown = ind.cumulative_change.text or f"〔{ind.cumulative_change.value:g}〕"
            return f"累计{shown}"
        return None

    @cached_property
    def _plan_indicators(self) -> dict[str, Indicator]:
        return {i.code: i for i in self.plan.indicators}

    @cached_property
    def attributes(self) -> dict[str, str]:
        """Item code → 约束性 / 预期性 as the outline states it."""
        named = {"binding": "约束性", "anticipatory": "预期性"}
        out = {i.code: named.get(i.attribute or "", "") for i in self.plan.indicators}
        for item in self.items:
            out[item.code] = out.get(item.code) or ("约束性" if item.binding else "预期性")
        return out

    @cached_property
    def years(self) -> list[int]:
        """Every year a table shows: the base year through the target year, plus any data."""
        years = {y for item in self.items for y, _ in item.series}
        years |= {item.latest_year for item in self.items if item.latest_year}
        start, end = self.plan.base_year, self.plan.target_year or self.period[1]
        if start and end:
            years |= set(range(start, max(end, self.year) + 1))
        return sorted(years)

    def categories(self) -> list[tuple[str, list[ItemAssessment]]]:
        """Indicators grouped by category, in the order the table first names each."""
        groups: dict[str, list[ItemAssessment]] = {}
        for item in self.indicators:
            groups.setdefault(item.category or "其他", []).append(item)
        return list(groups.items())

    def source_table(self) -> list[SourceRow]:
        """The appendix: one row per item — baseline and target with their origin, and the
        sources of its reported figures grouped by source (年份 spans, not a row a year)."""
        rows = []
        for item in self.items:
            by_source: dict[str, list[int]] = {}
            series = dict(item.series)
            year, value = latest(item)
            if value is not None and year is not None:
                series.setdefault(year, value)
            for y in sorted(series):
                by_source.setdefault(self.reported_source(item, y) or UNSOURCED, []).append(y)
            monitored = "；".join(f"{year_span(ys)}：{src}" for src, ys in by_source.items())
            base = (
                f"{_figure(item.baseline_value, item.unit)}（{item.baseline_year}年）"
                if item.baseline_value is not None
                else "——"
            )
            has_target = item.target_value is not None or item.target_text
            target = target_phrase(item) if has_target else "——"
            origin = target_origin(item) if target != "——" else ""
            shown = f"{target}（{origin}）" if origin else target
            rows.append(SourceRow(item.name, base, shown, monitored or MISSING))
        return rows

    @cached_property
    def as_reported(self) -> dict[str, str]:
        """Item code → its latest figure as reported, for the items whose value was converted."""
        found = {i.code: self.reported_as(i) for i in self.items}
        return {code: text for code, text in found.items() if text}

    def reported_as(self, item: ItemAssessment) -> str | None:
        """The latest figure as the department reported it, where the value was converted."""
        year = latest(item)[0]
        found = [
            s.reported
            for s in self.extra.sources
            if s.item == item.code and s.year in (year, None) and s.reported
        ]
        return found[0] if found else None

    def reported_source(self, item: ItemAssessment, year: int | None) -> str | None:
        """Where a reported figure comes from: the extras, else the sources the engine kept."""
        kept = "；".join(dict.fromkeys(item.sources))
        return self.extra.source_of(item.code, year) or kept or None

    @property
    def outline_citation(self) -> str:
        """《规划名称》（文号） as a report cites its plan."""
        number = f"（{self.plan.document_number}）" if self.plan.document_number else ""
        return f"《{self.plan_name}》{number}"

    def chapters(self) -> list[ChapterProgress]:
        """Task and key-project progress grouped by the chapter the plan puts them in."""
        located = {t.code: (loc[0], t.title) for loc, t in self.plan.iter_tasks()}
        groups = {ch.number: ChapterProgress(ch.number, ch.title) for ch in self.plan.chapters}
        other = ChapterProgress("", "其他")
        for task in self.extra.tasks:
            number = task.chapter or located.get(task.task, ("", ""))[0]
            groups.get(number, other).tasks.append(task)
        for project in self.extra.projects:
            groups.get(project.chapter or "", other).projects.append(project)
        return [g for g in [*groups.values(), other] if g.tasks or g.projects]

    def task_title(self, task: TaskProgress) -> str:
        if task.title:
            return task.title.rstrip("。")
        for _, t in self.plan.iter_tasks():
            if t.code == task.task:
                return t.title.rstrip("。")
        return task.task

    def division_of_labour(self) -> list[DivisionRow]:
        """Every item and task with its lead and supporting departments (blank where unassigned)."""
        rows = []
        for item in self.items:
            kind = "指标" if item.kind == "indicator" else "目标"
            where = item.category or "规划目标"
            rows.append(self._division_row(item.code, kind, where, item.name))
        titles = {ch.number: ch.title for ch in self.plan.chapters}
        for loc, task in self.plan.iter_tasks():
            where = f"{loc[0]} {titles.get(loc[0], '')}".strip()
            rows.append(self._division_row(task.code, "任务", where, task.title.rstrip("。")))
        return rows

    def _division_row(self, code: str, kind: str, where: str, content: str) -> DivisionRow:
        a = self.extra.assignment(code) or Assignment(code)
        return DivisionRow(code, kind, where, content, a.lead or "", "、".join(a.support))

    def department_templates(self) -> list[tuple[TemplateMeta, list[TemplateRow]]]:
        """One reporting template per department, pre-filled with the figures already known."""
        if self.extra.template_rows:
            return sheets_of(self.extra.template_rows)
        wanted = self.extra.templates or self._templates_from_assignments()
        by_code = {i.code: i for i in self.items}
        out = []
        for template in wanted:
            meta = TemplateMeta(self.extra.plan_id, template.department or None, self.extra.round)
            rows = []
            for code in template.items:
                item = by_code.get(code)
                if item is None:
                    continue
                known = dict(item.series)
                for year in template.years or (self.year,):
                    value = known.get(year)
                    source = self.reported_source(item, year) if value is not None else None
                    rows.append(TemplateRow(code, year, value, item.name, item.unit, source=source))
            out.append((meta, rows))
        return out

    def _templates_from_assignments(self) -> list[DepartmentTemplate]:
        """Each lead department reports its own items; unassigned items go to one blank sheet."""
        by_department: dict[str, list[str]] = {}
        for item in self.items:
            a = self.extra.assignment(item.code)
            by_department.setdefault(a.lead if a and a.lead else "", []).append(item.code)
        unassigned = by_department.pop("", None)
        if unassigned:
            by_department[""] = unassigned  # the blank sheet goes last
        return [DepartmentTemplate(d, tuple(codes)) for d, codes in by_department.items()]


def _order(item: ItemAssessment) -> tuple[int, int, str]:
    return (0 if item.kind == "indicator" else 1, item.number or 0, item.code)


def _unassessed_indicator(ind: Indicator) -> ItemAssessment:
    """A table row the assessment did not cover: shown with its outline figures, 数据暂缺."""
    target = ind.target or TargetValue(None, None, None, None)
    return _unassessed(
        ind.code, ind.number, ind.name, ind.unit, ind.category, "indicator", ind.baseline, target,
        binding=ind.attribute == "binding", direction=ind.direction,
    )  # fmt: skip


def _unassessed_target(t: ProseTarget) -> ItemAssessment:
    target = TargetValue(t.year, t.value, t.comparator, t.text)
    return _unassessed(t.code, None, t.subject, t.unit, None, "target", t.baseline, target)


def _unassessed(
    code, number, name, unit, category, kind, base: YearValue | None, target: TargetValue, **kw
) -> ItemAssessment:
    return ItemAssessment(
        code=code,
        number=number,
        name=name,
        unit=unit,
        category=category,
        kind=kind,
        binding=kw.get("binding", False),
        status=NO_DATA.code,
        label=NO_DATA.label_zh,
        explanation=f"{name}暂无监测数据。",
        method="none",
        direction=kw.get("direction"),
        baseline_year=base.year if base else None,
        baseline_value=base.value if base else None,
        target_year=target.year,
        target_value=target.value,
        target_comparator=target.comparator,
        target_text=target.text,
    )
