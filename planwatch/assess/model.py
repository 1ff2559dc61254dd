"""Inputs and outputs of the assessment engine.

The engine (``planwatch.assess.engine.assess_plan``) reads a :class:`~planwatch.outline.model.Plan`
plus the records below and returns a :class:`PlanAssessment`. The web system, the reports and the
CLI all read that result; none of them recomputes a status.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, TypeVar

from planwatch.assess.status import OFF_COURSE

Path = Literal["linear", "geometric"]
T = TypeVar("T")


def blank(cls: type[T]) -> T:
    """An instance of ``cls`` with nothing set, to be filled by ``cls.__init__(instance, …)``.

    Why: on Python 3.11 calling a class with keywords packs them into a dict that its
    ``__init__`` unpacks again; for the engine's wide results (42, 34 and 25 fields, one of each
    per item) that was a tenth of an assessment. Calling ``__init__`` itself takes the keywords
    as they are and runs the same code: same defaults, same checks, same result.
    """
    return object.__new__(cls)


@dataclass(frozen=True)
class Observation:
    """A reported value of one item for one year (already approved where that matters)."""

    item: str  # item code: "I5" (table row 5) or "T7" (prose target 7)
    year: int
    value: float
    unit: str | None = None
    source: str | None = None
    note: str | None = None
    #: "annual" for the year's own figure (当年), "cumulative" for the total since the base
    #: year (累计, e.g. 能耗累计下降9.6%).
    basis: str = "annual"


@dataclass(frozen=True)
class LaterTarget:
    """A target assigned after publication, e.g. by the higher government (完成省市分解任务)."""

    item: str
    value: float
    comparator: str | None = None  # one of planwatch.outline.model.COMPARATORS
    year: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class AnnualTarget:
    """One year's target for an item (年度目标): from the annual plan or the year's 政府工作报告.

    Used to judge a year against its own target (年度目标完成情况) and to judge targets the
    outline leaves to each year (各年度视情提出).
    """

    item: str
    year: int
    value: float
    comparator: str | None = None  # one of planwatch.outline.model.COMPARATORS
    source: str | None = None  # e.g. "2022年政府工作报告", "年度实施计划"


@dataclass(frozen=True)
class ReferenceValue:
    """A figure of an outside reference a word target compares with (``快于全省平均水平``:
    the province's average for 2022), recorded by the coordinator with its source.

    ``year`` None is one figure for the whole comparison (``“十三五”时期实际``: the previous
    plan's realised average)."""

    item: str
    year: int | None
    value: float
    source: str | None = None


@dataclass(frozen=True)
class RangeBound:
    """The range a ``保持在合理区间`` target is to stay within, as the coordinator records it
    (from the year's plan or 政府工作报告): ``low``/``high``, either may be open (None);
    ``year`` None for every year without a range of its own."""

    item: str
    low: float | None
    high: float | None
    year: int | None = None
    source: str | None = None


@dataclass(frozen=True)
class ManualVerdict:
    """A person's judgement; reported beside the computed status, never instead of it."""

    item: str
    status: str  # a code from planwatch.assess.status
    reason: str
    author: str | None = None
    recorded_at: str | None = None  # ISO timestamp


@dataclass(frozen=True)
class ItemOverride:
    """Per-item corrections to what the engine would infer."""

    item: str
    direction: str | None = None  # "increase" | "decrease"
    path: Path | None = None
    #: The item's default basis for observations that do not say (a reduction reported as
    #: 累计下降 is common): "annual" or "cumulative". Applied by the loaders.
    basis: str | None = None


@dataclass(frozen=True)
class AssessOptions:
    """Knobs a coordinator may set; their meaning is in docs/methodology.md."""

    #: Progress ratio r = p/τ (completion share over time share) of a level, cumulative or
    #: reduction target: ahead at r ≥ ahead_ratio, on track at r ≥ 1, roughly on track at
    #: r ≥ roughly_ratio, lagging at r ≥ lagging_ratio, seriously lagging below.
    ahead_ratio: float = 1.2
    roughly_ratio: float = 0.9
    lagging_ratio: float = 0.6
    #: The same bands for an average-growth target, on r = ḡ/g* (realised over targeted rate):
    #: a rate ratio compounds over the years, so "clearly ahead" is a smaller margin.
    growth_ahead_ratio: float = 1.05
    growth_roughly_ratio: float = 0.9
    growth_lagging_ratio: float = 0.6
    #: Outlook: the target is unlikely to be met when the yearly pace still needed is more than
    #: this many times the pace realised so far (at risk above 1).
    unlikely_pace_ratio: float = 1.5
    #: Relative change under which a trend-only item counts as stable.
    stable_band: float = 0.01
    #: Open SDG threshold between moderate and limited progress (UNSD's older chart: 0.5).
    limited_threshold: float = 0.6
    #: Open SDG threshold between substantial and moderate progress.
    substantial_threshold: float = 0.95
    #: Open SDG thresholds on the direction-adjusted yearly growth of an item without a target.
    trend_substantial: float = 0.015
    trend_limited: float = 0.005
    #: Targets in words: "与…基本同步" holds while the average growth is within this many
    #: percentage points of the reference's; "高于…" within it below is roughly on track.
    step_band: float = 0.5
    #: A yearly target "…左右" (about) is met within this many points below it.
    about_band: float = 0.5
    #: Language of labels and explanations: "zh-hans" (default) or "en".
    language: str = "zh-hans"


@dataclass(slots=True)
class Projection:
    year: int
    value: float
    low: float | None
    high: float | None
    will_meet: bool | None
    method: str  # "linear" | "log-linear" (fitted path) | "average_rate" (rate carried on)
    #: How many observed points the projection rests on (a fitted path needs at least two).
    points: int | None = None
    #: First year of the points a fitted path rests on.
    since: int | None = None


@dataclass(slots=True)
class International:
    """The Open SDG / UNSD progress measure as a second opinion."""

    category: str | None  # code from planwatch.assess.status.INTERNATIONAL, None if undefined
    label: str | None
    ratio: float | None
    observed_growth: float | None
    required_growth: float | None


@dataclass(slots=True)
class AnnualJudgement:
    """A year judged against its own annual target (年度目标完成情况), beside the five-year path.

    ``measure`` says what the target and ``actual`` are: "level" (the year's level), "rate"
    (the year's growth or reduction rate, %) or "change" (the year's change of a cumulative
    target). The rules are in docs/methodology.md §18.
    """

    year: int
    target: float
    comparator: str | None
    source: str | None
    measure: str
    actual: float | None
    status: str  # a code of planwatch.assess.annual.ANNUAL_STATUSES
    label: str
    ratio: float | None
    explanation: str


@dataclass(frozen=True)
class WordCheck:
    """A target in words the row carries beside its number (a table note, the text: 12th
    outline note ④ 城乡居民收入增长…不低于国内生产总值增长), judged on its own by its rule
    (relative, reference, range, year_set) beside the row's own ``status``."""

    text: str  # the words as printed
    kind: str  # relative | reference | range | year_set
    status: str
    label: str
    explanation: str
    compared_with: str | None = None
    judged_value: float | None = None
    expected_value: float | None = None


@dataclass(slots=True)  # slots: a province assesses hundreds of thousands of items
class ItemAssessment:
    """The verdict on one measurable item at the assessment year, with everything behind it."""

    code: str
    number: int | None  # table row number; None for prose targets
    name: str
    unit: str | None
    category: str | None
    kind: str  # "indicator" | "target"
    binding: bool
    status: str
    label: str
    explanation: str  # one sentence with the figures, in the options' language
    method: str  # which rule judged it (growth, level, cumulative, ceiling, floor, hold, …)
    direction: str | None
    baseline_year: int | None = None
    baseline_value: float | None = None
    target_year: int | None = None
    target_value: float | None = None
    target_comparator: str | None = None
    target_text: str | None = None
    latest_year: int | None = None
    latest_value: float | None = None
    expected_value: float | None = None
    path: str | None = None
    completion_share: float | None = None
    time_share: float | None = None
    gap: float | None = None
    required_pace: float | None = None
    projection: Projection | None = None
    international: International | None = None
    manual: ManualVerdict | None = None
    #: (year, value) used and their distinct sources; tuples, which the collector leaves alone
    #: once it has seen they hold only numbers and text (a province keeps 10⁵ results)
    series: tuple[tuple[int, float], ...] = ()
    sources: tuple[str, ...] = ()
    #: The figure compared with ``expected_value`` (latest level, change since the baseline,
    #: cumulative reduction or average growth — see docs/methodology.md per rule).
    judged_value: float | None = None
    #: Unit of ``required_pace``: "%" for a yearly growth or reduction rate, else the item's
    #: unit per year.
    pace_unit: str | None = None
    #: Where the direction came from: override, target, comparator, plan, meaning or assumed.
    direction_source: str | None = None
    #: "plan" for the outline's own target, "later" for one recorded afterwards.
    target_source: str | None = None
    #: Whether the target is expected to be met by the target year: a code from
    #: planwatch.assess.status.OUTLOOKS, or None where no outlook can be given.
    outlook: str | None = None
    #: Progress ratio behind the grade: p/τ, or ḡ/g* for an average-growth target.
    progress_ratio: float | None = None
    #: Years between the start and the latest figure with no figure reported.
    missing_years: tuple[int, ...] = ()
    #: For a prose target restating a table indicator, that indicator's code ("I5").
    restates: str | None = None
    #: For a target in words, what its figures were compared with ("国内生产总值增长",
    #: "全省平均水平", "年度目标", "合理区间").
    compared_with: str | None = None
    #: The assessment year against its annual target, where one was given (None otherwise);
    #: separate from ``status``, which is the five-year path judgement.
    annual: AnnualJudgement | None = None
    #: The row's other targets in words, each judged on its own (see WordCheck).
    word_checks: tuple[WordCheck, ...] = ()

    @property
    def off_course(self) -> bool:
        return self.status in OFF_COURSE


@dataclass
class PlanAssessment:
    year: int
    indicators: list[ItemAssessment]
    targets: list[ItemAssessment]
    summary: dict[str, Any]
    options: AssessOptions = field(default_factory=AssessOptions)

    @property
    def items(self) -> list[ItemAssessment]:
        return [*self.indicators, *self.targets]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
