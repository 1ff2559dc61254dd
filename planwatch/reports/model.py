"""What a report needs beyond the plan and its assessment: facts only the web system keeps.

Every field is optional. A report drafted without them still opens and reads well; whatever is
missing is written as 数据暂缺 and listed under problems and risks, never left to break a writer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from planwatch.reports.survey_summary import SurveyResult
from planwatch.reports.template import TemplateRow

ReportKind = Literal["annual", "midterm"]
REPORT_KINDS: tuple[str, ...] = ("annual", "midterm")


@dataclass(frozen=True)
class Assignment:
    """Who answers for an item (I5, T7) or a task (M12): the lead and the supporting departments."""

    item: str
    lead: str | None = None
    support: tuple[str, ...] = ()


@dataclass(frozen=True)
class TaskProgress:
    """A task's reported progress in the round; ``chapter`` defaults to where the plan puts it."""

    task: str  # task code, e.g. "M12"
    title: str | None = None
    lead: str | None = None
    support: tuple[str, ...] = ()
    percent: float | None = None  # 0–100
    status: str | None = None  # the department's own words: 已完成, 按计划推进, 滞后 …
    narrative: str | None = None
    chapter: str | None = None  # e.g. "第三章"


@dataclass(frozen=True)
class KeyProject:
    """A major project (重大项目) tracked beside the plan's tasks. Dates are ISO (YYYY-MM[-DD])."""

    name: str
    investment: float | None = None  # total investment in 亿元
    planned_start: str | None = None
    planned_finish: str | None = None
    actual_start: str | None = None
    actual_finish: str | None = None
    progress: float | None = None  # 0–100
    lead: str | None = None
    chapter: str | None = None
    note: str | None = None
    #: The annual planned and completed investment (亿元) by year, and the cumulative figure
    #: reported to each year's end; the department's own "behind schedule" flag.
    planned_by_year: dict[int, float] = field(default_factory=dict, hash=False)
    invested_by_year: dict[int, float] = field(default_factory=dict, hash=False)
    cumulative_by_year: dict[int, float] = field(default_factory=dict, hash=False)
    reported_late: bool = False


@dataclass(frozen=True)
class PolicyImplementation:
    """A policy measure (政策措施) and its implementation (落实情况) as of the report's year."""

    title: str
    document_number: str | None = None
    department: str | None = None
    issued_on: str | None = None  # ISO date
    status: str | None = None  # 制定中 / 已出台 / 已评估
    progress: str | None = None  # the approved implementation state, e.g. 推进中; None: none
    narrative: str | None = None
    tasks: tuple[str, ...] = ()  # linked task codes


@dataclass(frozen=True)
class DepartmentTemplate:
    """The items (and years) one department reports in a round; one template sheet each."""

    department: str
    items: tuple[str, ...]
    years: tuple[int, ...] = ()  # empty: the assessment year


@dataclass(frozen=True)
class FigureSource:
    """Where one figure comes from; ``year`` None means every year of the item."""

    item: str
    source: str
    year: int | None = None
    #: The figure as the department reported it, where the value was converted from it
    #: (``260天`` behind 优良天数比率 71.2%).
    reported: str | None = None


@dataclass
class ReportExtras:
    """Everything optional a report can use; the web system fills it from its database."""

    tasks: list[TaskProgress] = field(default_factory=list)
    projects: list[KeyProject] = field(default_factory=list)
    #: Policy measures and their approved implementation; none: the report has no such section.
    policies: list[PolicyImplementation] = field(default_factory=list)
    #: The closed public questionnaires' results (公众评价), cited by the mid-term report.
    surveys: list[SurveyResult] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    templates: list[DepartmentTemplate] = field(default_factory=list)
    sources: list[FigureSource] = field(default_factory=list)
    #: The plan period (first and last year), where the plan itself does not say.
    period: tuple[int, int] | None = None
    #: The body issuing the report (e.g. the coordinating bureau); defaults to the plan's issuer.
    issuer: str | None = None
    #: The date under the signature (成文日期), e.g. "2023年6月30日"; a placeholder otherwise.
    dated: str | None = None
    #: Stable identifier of the plan and label of the reporting round, carried in templates.
    plan_id: str | None = None
    round: str | None = None
    #: The reporting templates' rows exactly as the web download fills them (record versions
    #: included): the workbook's template sheets are written from these once, a sheet per
    #: department (``row.meta``). Empty: the sheets are laid out from ``templates``.
    template_rows: list[TemplateRow] = field(default_factory=list)

    def assignment(self, code: str) -> Assignment | None:
        """The departments for an item or task code, from ``assignments`` or task progress."""
        for a in self.assignments:
            if a.item == code:
                return a
        for t in self.tasks:
            if t.task == code and (t.lead or t.support):
                return Assignment(code, t.lead, tuple(t.support))
        return None

    def source_of(self, item: str, year: int | None) -> str | None:
        """The recorded source of one figure: a year-specific entry wins over an item-wide one."""
        exact = [s.source for s in self.sources if s.item == item and s.year == year]
        if exact:
            return exact[0]
        general = [s.source for s in self.sources if s.item == item and s.year is None]
        return general[0] if general else None
