"""The status vocabulary every part of planwatch shares: code, labels, colour, official wording.

The codes are stable (they are stored, exported and sent over the API); the labels are what
officials write. Colours are paired with the label everywhere: status is never colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    code: str
    label_zh: str
    label_en: str
    colour: str  # hex, readable with white text
    judged: bool  # True where the item is judged against a target

    def label(self, language: str = "zh-hans") -> str:
        return self.label_en if language.lower().startswith("en") else self.label_zh


ACHIEVED = Status("achieved", "提前完成", "Target achieved early", "#1b7a3a", True)
BOUND_KEPT = Status("bound_kept", "达到目标要求", "Within the required bound", "#237a57", True)
AHEAD = Status("ahead", "快于预期", "Ahead of schedule", "#2a8a4a", True)
ON_TRACK = Status("on_track", "符合预期", "On track", "#2e8b57", True)
ROUGHLY_ON_TRACK = Status("roughly_on_track", "基本符合预期", "Roughly on track", "#5a7d2a", True)
LAGGING = Status("lagging", "滞后于预期", "Lagging", "#9a6b00", True)
SERIOUSLY_LAGGING = Status("seriously_lagging", "严重滞后", "Seriously lagging", "#c0392b", True)
REGRESSING = Status("regressing", "逆向变化", "Moving away from target", "#8e1b1b", True)
IMPROVING = Status("improving", "趋势向好", "Improving", "#2f6f9f", False)
STABLE = Status("stable", "基本稳定", "Stable", "#5d6d7e", False)
WORSENING = Status("worsening", "趋势变差", "Worsening", "#a04000", False)
NEEDS_TARGET = Status("needs_target", "待明确目标", "Target to be set", "#6c5b7b", False)
NO_DATA = Status("no_data", "数据暂缺", "No data", "#7f8c8d", False)

#: In the order reports count them: best first.
STATUSES: tuple[Status, ...] = (
    ACHIEVED,
    BOUND_KEPT,
    AHEAD,
    ON_TRACK,
    ROUGHLY_ON_TRACK,
    LAGGING,
    SERIOUSLY_LAGGING,
    REGRESSING,
    IMPROVING,
    STABLE,
    WORSENING,
    NEEDS_TARGET,
    NO_DATA,
)
BY_CODE: dict[str, Status] = {s.code: s for s in STATUSES}

#: Statuses that mean "not on course" — the ones warnings and risk sections are made of.
OFF_COURSE: frozenset[str] = frozenset({"lagging", "seriously_lagging", "regressing", "worsening"})

#: Worst first: the one order every warning list, risk section and dashboard sorts by.
WORST_FIRST: tuple[str, ...] = (
    "regressing",
    "seriously_lagging",
    "lagging",
    "worsening",
    "roughly_on_track",
    "stable",
    "needs_target",
    "no_data",
    "on_track",
    "improving",
    "ahead",
    "bound_kept",
    "achieved",
)
_SEVERITY = {code: rank for rank, code in enumerate(WORST_FIRST)}


def severity(code: str) -> int:
    """Rank of a status in :data:`WORST_FIRST` (0 is the worst): a sort key."""
    return _SEVERITY[code]


#: Codes stored by planwatch before the v2 vocabulary, and what they read as now.
LEGACY_CODES: dict[str, str] = {}


@dataclass(frozen=True)
class Outlook:
    """Whether the target is expected to be met by the target year (预计能否如期完成)."""

    code: str
    label_zh: str
    label_en: str
    colour: str

    def label(self, language: str = "zh-hans") -> str:
        return self.label_en if language.lower().startswith("en") else self.label_zh


LIKELY = Outlook("likely", "预计能够完成", "Likely to be met", "#1b7a3a")
AT_RISK = Outlook("at_risk", "存在不能完成的风险", "At risk", "#9a6b00")
UNLIKELY = Outlook("unlikely", "预计难以完成", "Unlikely to be met", "#c0392b")
OUTLOOKS: dict[str, Outlook] = {o.code: o for o in (LIKELY, AT_RISK, UNLIKELY)}


def status(code: str) -> Status:
    """Look a status up by its stable code; an unknown code is a programming error."""
    try:
        return BY_CODE[code]
    except KeyError:
        raise ValueError(f"unknown status code {code!r}; known: {', '.join(BY_CODE)}") from None


@dataclass(frozen=True)
class InternationalCategory:
    """Open SDG / UNSD progress category (second opinion beside the official status)."""

    code: str
    label_zh: str
    label_en: str


SUBSTANTIAL = InternationalCategory("substantial", "进展显著", "Substantial progress")
MODERATE = InternationalCategory("moderate", "进展一般", "Moderate progress")
LIMITED = InternationalCategory("limited", "进展有限", "Limited progress")
DETERIORATION = InternationalCategory("deterioration", "出现倒退", "Deterioration")
TARGET_MET = InternationalCategory("target_achieved", "已达目标", "Target achieved")
INTERNATIONAL: dict[str, InternationalCategory] = {
    c.code: c for c in (TARGET_MET, SUBSTANTIAL, MODERATE, LIMITED, DETERIORATION)
}
