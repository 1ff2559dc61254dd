"""The yearly responsibility scorecard (责任考核): each department scored from what it did.

Plain Python, no Django: the web system gathers the facts of one plan and year per department
(:class:`DepartmentFacts`) and :func:`score_departments` turns them into scores, a total and a
ranking. Each component is a :class:`Component` in :data:`COMPONENTS`, the registry: it reads
the facts and answers a :class:`Measure` (a score from 0 to 100 and the counts behind it) or
None when it does not apply to that department (nothing to judge). A component added later —
as milestones and key projects did — registers itself with :func:`register` and reads its
own facts from ``DepartmentFacts.extra[code]``; the weights, the total and the exports pick it
up without further change (docs/methodology.md, "Responsibility scorecard").

The total is the weighted mean of the components that apply (the weights of those that do not
are left out, so a department is never marked down for having no policy to implement), plus
the coordinator's manual adjustments, kept between 0 and 100.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from planwatch.errors import InputError, text

#: Points for an item the department leads, by its v2 grade (planwatch.assess.status). Grades
#: that judge nothing (待明确目标, 数据暂缺) are left out: missing figures are the on-time
#: component's business.
GRADE_POINTS: dict[str, float] = {
    "achieved": 100,
    "bound_kept": 100,
    "ahead": 100,
    "on_track": 100,
    "roughly_on_track": 80,
    "improving": 80,
    "stable": 60,
    "lagging": 60,
    "seriously_lagging": 30,
    "worsening": 20,
    "regressing": 0,
}

#: Points for a task (or a policy's implementation) by its progress state; "unreported" is a
#: task or policy with no approved report for the year.
PROGRESS_POINTS: dict[str, float] = {
    "completed": 100,
    "in_progress": 80,
    "not_started": 40,
    "delayed": 30,
    "unreported": 0,
}


@dataclass(frozen=True)
class Duty:
    """One figure or progress report a department owed in the year's round."""

    kind: str  # "item" | "task" | "policy"
    code: str
    #: First submitted by the deadline (a late or missing submission is False).
    on_time: bool
    #: Ever submitted (on time or late).
    submitted: bool
    #: Returned at least once in review.
    returned: bool


@dataclass
class DepartmentFacts:
    """What the system knows about one department for one plan and year."""

    department: str
    duties: list[Duty] = field(default_factory=list)
    #: (item code, v2 grade code) of every item it leads.
    item_grades: list[tuple[str, str]] = field(default_factory=list)
    #: (task code, progress state) of every task it leads.
    task_states: list[tuple[str, str]] = field(default_factory=list)
    #: (policy title, implementation state) of every issued policy it is responsible for.
    policy_states: list[tuple[str, str]] = field(default_factory=list)
    #: Facts of components registered later, by component code.
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Measure:
    score: float  # 0–100
    counted: int  # how many things were judged
    detail_zh: str
    detail_en: str


@dataclass(frozen=True)
class Component:
    code: str
    label_zh: str
    label_en: str
    default_weight: float
    measure: Callable[[DepartmentFacts], Measure | None]

    def label(self, language: str = "zh-hans") -> str:
        return self.label_en if language.lower().startswith("en") else self.label_zh


#: The components, in the order pages and exports show them.
COMPONENTS: dict[str, Component] = {}


def register(component: Component) -> Component:
    """Add (or replace) a component; later components plug in here."""
    COMPONENTS[component.code] = component
    return component


def _share(part: int, whole: int) -> float:
    return 100.0 * part / whole


def _on_time(facts: DepartmentFacts) -> Measure | None:
    duties = facts.duties
    if not duties:
        return None
    n = sum(d.on_time for d in duties)
    return Measure(
        _share(n, len(duties)),
        len(duties),
        f"按时报送 {n}/{len(duties)} 项",
        f"{n} of {len(duties)} submitted on time",
    )


def _returned(facts: DepartmentFacts) -> Measure | None:
    submitted = [d for d in facts.duties if d.submitted]
    if not submitted:
        return None
    n = sum(d.returned for d in submitted)
    return Measure(
        _share(len(submitted) - n, len(submitted)),
        len(submitted),
        f"被退回 {n}/{len(submitted)} 项",
        f"{n} of {len(submitted)} returned",
    )


def _mean_points(
    pairs: list[tuple[str, str]], points: Mapping[str, float], zh: str, en: str
) -> Measure | None:
    judged = [points[state] for _, state in pairs if state in points]
    if not judged:
        return None
    return Measure(
        sum(judged) / len(judged),
        len(judged),
        zh.format(n=len(judged)),
        en.format(n=len(judged)),
    )


def _items(facts: DepartmentFacts) -> Measure | None:
    return _mean_points(
        facts.item_grades, GRADE_POINTS, "牵头指标 {n} 项按评估等级计分", "{n} led items by grade"
    )


def _tasks(facts: DepartmentFacts) -> Measure | None:
    return _mean_points(
        facts.task_states,
        PROGRESS_POINTS,
        "牵头任务 {n} 项按推进状态计分",
        "{n} led tasks by progress state",
    )


def _policies(facts: DepartmentFacts) -> Measure | None:
    return _mean_points(
        facts.policy_states,
        PROGRESS_POINTS,
        "负责政策措施 {n} 项按落实情况计分",
        "{n} policies by implementation",
    )


def _milestones(facts: DepartmentFacts) -> Measure | None:
    """Milestones due in the year met by their date: ``extra["milestones"] = (met, due)``."""
    met, due = facts.extra.get("milestones", (0, 0))
    if not due:
        return None
    return Measure(
        _share(met, due), due, f"按期完成节点 {met}/{due} 个", f"{met} of {due} milestones met"
    )


def _projects(facts: DepartmentFacts) -> Measure | None:
    """Key projects under way in the year and on schedule at its end:
    ``extra["projects"] = (on schedule, judged)`` (planwatch.assess.projects)."""
    on, judged = facts.extra.get("projects", (0, 0))
    if not judged:
        return None
    return Measure(
        _share(on, judged),
        judged,
        f"重大项目按期推进 {on}/{judged} 个",
        f"{on} of {judged} key projects on schedule",
    )


register(Component("on_time", "按时报送", "Reporting on time", 20, _on_time))
register(Component("returned", "数据质量（退回情况）", "Returned in review", 10, _returned))
register(Component("items", "牵头指标进展", "Progress of led items", 35, _items))
register(Component("tasks", "牵头任务推进", "Progress of led tasks", 25, _tasks))
register(Component("policies", "政策措施落实", "Policies implemented", 10, _policies))
register(Component("milestones", "年度节点按期完成", "Milestones met on time", 10, _milestones))
register(Component("projects", "重大项目按期推进", "Key projects on schedule", 10, _projects))


def default_weights() -> dict[str, float]:
    return {c.code: c.default_weight for c in COMPONENTS.values()}


def check_weights(weights: Mapping[str, object]) -> dict[str, float]:
    """The weights as numbers, every registered component given one (missing: 0).

    InputError naming the component for an unknown code, a value that is not a number or a
    negative one, or weights that are all zero.
    """
    checked: dict[str, float] = {}
    for code, value in weights.items():
        if code not in COMPONENTS:
            raise InputError(
                text(
                    "scorecard.unknown_component",
                    "没有考核项“{given}”（可用：{known}）",
                    "no scorecard component “{given}” (known: {known})",
                    given=code,
                    known="、".join(COMPONENTS),
                )
            )
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            name = COMPONENTS[code].label_zh
            raise InputError(
                text(
                    "scorecard.bad_weight",
                    "考核项“{name}”的权重须为不小于0的数，而不是“{value}”",
                    "the weight of “{name}” must be a number of at least 0, not “{value}”",
                    name=name,
                    value=value,
                )
            )
        checked[code] = float(value)
    full = {code: checked.get(code, 0.0) for code in COMPONENTS}
    if not any(full.values()):
        raise InputError(
            text(
                "scorecard.zero_weights",
                "权重不能全部为0",
                "the weights cannot all be 0",
            )
        )
    return full


@dataclass(frozen=True)
class Adjustment:
    department: str
    points: float
    reason: str


@dataclass(frozen=True)
class ComponentScore:
    code: str
    label_zh: str
    label_en: str
    weight: float
    measure: Measure | None

    @property
    def score(self) -> float | None:
        return self.measure.score if self.measure else None


@dataclass
class DepartmentScore:
    department: str
    components: list[ComponentScore]
    #: Weighted mean of the components that apply (None: none applies).
    computed: float | None
    adjustments: list[Adjustment]
    total: float | None
    rank: int | None = None

    @property
    def adjustment(self) -> float:
        return sum(a.points for a in self.adjustments)


@dataclass
class Scorecard:
    year: int
    weights: dict[str, float]
    rows: list[DepartmentScore]  # ranked: best first, unscored last

    def row(self, department: str) -> DepartmentScore | None:
        return next((r for r in self.rows if r.department == department), None)


def score_department(
    facts: DepartmentFacts, weights: Mapping[str, float], adjustments: list[Adjustment] = ()
) -> DepartmentScore:
    components = []
    weighted = total_weight = 0.0
    for component in COMPONENTS.values():
        weight = float(weights.get(component.code, 0.0))
        measure = component.measure(facts)
        components.append(
            ComponentScore(component.code, component.label_zh, component.label_en, weight, measure)
        )
        if measure is not None and weight > 0:
            weighted += weight * measure.score
            total_weight += weight
    computed = weighted / total_weight if total_weight else None
    own = [a for a in adjustments if a.department == facts.department]
    total = None
    if computed is not None:
        total = min(100.0, max(0.0, computed + sum(a.points for a in own)))
    return DepartmentScore(facts.department, components, computed, own, total)


def score_departments(
    year: int,
    facts: list[DepartmentFacts],
    weights: Mapping[str, object] | None = None,
    adjustments: list[Adjustment] = (),
) -> Scorecard:
    """Every department scored and ranked (ties share a rank: 1, 2, 2, 4)."""
    checked = check_weights(weights if weights is not None else default_weights())
    rows = [score_department(f, checked, list(adjustments)) for f in facts]
    rows.sort(key=lambda r: (r.total is None, -(r.total or 0.0), r.department))
    previous, rank = None, 0
    for position, row in enumerate(rows, start=1):
        if row.total is None:
            continue
        shown = round(row.total, 2)
        if shown != previous:
            rank, previous = position, shown
        row.rank = rank
    return Scorecard(year, checked, rows)
