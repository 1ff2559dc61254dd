"""Inputs and outputs of the assessment engine.

The engine (``planwatch.assess.engine.assess_plan``) reads a :class:`~planwatch.outline.model.Plan`
plus the records below and returns a :class:`PlanAssessment`. The web system, the reports and the
CLI all read that result; none of them recomputes a status.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Path = Literal["linear", "geometric"]


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


@dataclass(frozen=True)
class AssessOptions:
    """Knobs a coordinator may set; their meaning is in docs/methodology.md."""

    #: An item is on track while its completion share is at least ``time_share - tolerance``.
    tolerance: float = 0.10
    #: Below ``time_share - serious_tolerance`` it is seriously lagging.
    serious_tolerance: float = 0.30
    #: Relative change under which a trend-only item counts as stable.
    stable_band: float = 0.01
    #: Open SDG threshold between moderate and limited progress (UNSD's older chart: 0.5).
    limited_threshold: float = 0.6
    #: Open SDG threshold between substantial and moderate progress.
    substantial_threshold: float = 0.95
    #: Open SDG thresholds on the direction-adjusted yearly growth of an item without a target.
    trend_substantial: float = 0.015
    trend_limited: float = 0.005
    #: Language of labels and explanations: "zh-hans" (default) or "en".
    language: str = "zh-hans"


@dataclass(slots=True)
class Projection:
    year: int
    value: float
    low: float | None
    high: float | None
    will_meet: bool | None
    method: str  # "linear" | "log-linear"


@dataclass(slots=True)
class International:
    """The Open SDG / UNSD progress measure as a second opinion."""

    category: str | None  # code from planwatch.assess.status.INTERNATIONAL, None if undefined
    label: str | None
    ratio: float | None
    observed_growth: float | None
    required_growth: float | None


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
    explanation: str  # one Chinese sentence with the figures (written when first read)
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
    series: list[tuple[int, float]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
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

    @property
    def off_course(self) -> bool:
        from planwatch.assess.status import OFF_COURSE

        return self.status in OFF_COURSE


class Deferred(tuple):
    """``(function, *arguments)`` of a text written when first read: most explanations of a
    province-wide batch never are. One tuple, so that it costs the collector one object."""

    __slots__ = ()

    def text(self) -> str:
        return self[0](*self[1:])


class _WrittenWhenRead:
    """Wraps the ``explanation`` slot: a :class:`Deferred` stored there is replaced by its text.

    Every reader (attribute access, ``asdict``, ``==``, pickling) sees the same string that an
    eager engine would have stored; the engine just skips writing the sentences nobody reads.
    """

    __slots__ = ("slot",)

    def __init__(self, slot) -> None:
        self.slot = slot

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = self.slot.__get__(obj, owner)
        if value.__class__ is Deferred:
            value = value.text()
            self.slot.__set__(obj, value)
        return value

    def __set__(self, obj, value) -> None:
        self.slot.__set__(obj, value)

    def __delete__(self, obj) -> None:
        self.slot.__delete__(obj)


ItemAssessment.explanation = _WrittenWhenRead(ItemAssessment.__dict__["explanation"])


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
