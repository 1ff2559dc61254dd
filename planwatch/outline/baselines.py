"""Starting values for prose targets, from the figures the review sections state.

A review passage states where things stood ("截至2020年底，高新技术企业达到252家"). Such a figure
becomes a target's baseline only when it is plainly the same quantity at the start of the plan:

* it is phrased as a state — a figure reached (达到/达/实现/拥有/增至…), or the end point of a
  change (``由43.06亿元增至2020年的51.37亿元`` → 51.37); not a period total (``“十三五”期间…``,
  ``新增…``);
* its year (the last year named before it in its sentence, else the base year) is not after the
  base year;
* its unit is the target's, or a multiple of it (``万家`` and ``家``: converted);
* its subject names the same thing (:func:`planwatch.outline.subjects.likeness`: same head noun
  and shared wording).

The best match wins; among equals the latest year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.outline.model import ProseTarget, YearValue
from planwatch.outline.subjects import SEPARATORS, clause_start, clean_subject, likeness, span_text
from planwatch.outline.values import UNIT, as_number, is_year, unit_factor

_CLAUSE = rf"[^{SEPARATORS}。]"
_NUM = r"\d+(?:\.\d+)?"
_SENTENCES = re.compile(r"[^。！？!?]+[。！？!?]?")

_REACHED = re.compile(
    rf"(?P<subject>{_CLAUSE}*?)(?:达到|达|增至|增加到|提高到|提升到)(?P<num>{_NUM})(?P<unit>{UNIT})"
)
_HELD = re.compile(
    rf"(?:实现|拥有|完成)(?P<subject>[^{SEPARATORS}。\d]{{2,24}}?)(?P<num>{_NUM})(?P<unit>{UNIT})"
)
_FROM_TO = re.compile(
    rf"(?P<subject>{_CLAUSE}*?)由{_CLAUSE}*?(?:增至|增加到|增长到|提高到|提升到|上升到|降至|下降到|降低到)"
    rf"(?:(?P<year>(?:19|20)\d\d)年(?:底|末)?的?)?(?P<num>{_NUM})(?P<unit>{UNIT})"
)
#: Kinds of target measured from a starting level (coverage: a rate rising to 100 %).
_WITH_BASELINE = ("level", "count", "coverage")
_FACT_YEAR = re.compile(r"((?:19|20)\d\d)年")
_DATED = re.compile(r"(?:截至|截止)(?:19|20)\d\d年")
#: Figures summed over a period or added in it are flows, not where things stood.
_FLOW = re.compile(r"期间|新增|累计新增|年均")


@dataclass(frozen=True)
class Fact:
    """A figure a review passage states: ``subject`` stood at ``value`` ``unit`` in ``year``."""

    subject: str
    value: float
    unit: str
    year: int | None
    text: str


def stated_facts(text: str, base_year: int | None) -> list[Fact]:
    """Each figure a review passage states as where something stood."""
    out: list[Fact] = []
    for sentence in _SENTENCES.findall(text):
        body = sentence.rstrip("。！？!? ")
        taken: list[tuple[int, int]] = []
        for pattern in (_FROM_TO, _REACHED, _HELD):
            for m in pattern.finditer(body):
                if any(m.start("num") < end and start < m.end() for start, end in taken):
                    continue
                fact = _fact(body, m, base_year)
                if fact is not None:
                    taken.append((m.start("num"), m.end()))
                    out.append(fact)
    return out


def link_baselines(targets: list[ProseTarget], facts: list[Fact], base_year: int | None) -> None:
    """Give each level, count or coverage target the figure that is its starting value."""
    for target in targets:
        target.baseline = _baseline_for(target, facts, base_year)


def _fact(body: str, m: re.Match, base_year: int | None) -> Fact | None:
    number, unit = m.group("num"), m.group("unit")
    if is_year(number, unit) or ("由" in m.group("subject") and m.re is not _FROM_TO):
        return None
    if _FLOW.search(body, clause_start(body, m.start("num")), m.start("num")):
        return None
    subject = clean_subject(m.group("subject"))
    if len(subject) < 2:
        return None
    named = m.groupdict().get("year")
    years = [int(y) for y in _FACT_YEAR.findall(body, 0, m.start("num"))]
    year = int(named) if named else years[-1] if years else base_year
    dated = _DATED.search(body, 0, m.start("num"))
    text = span_text(body, dated.start() if dated else m.start(), m.start(), m.end())
    return Fact(subject, float(number), unit, year, text)


def _baseline_for(target: ProseTarget, facts: list[Fact], base_year: int | None):
    if target.kind not in _WITH_BASELINE or target.value is None or not target.unit:
        return None
    best, best_rank = None, (0, 0)
    for fact in facts:
        if base_year is not None and fact.year is not None and fact.year > base_year:
            continue
        factor = unit_factor(fact.unit, target.unit)
        if factor is None:
            continue
        rank = (likeness(fact.subject, target.subject), fact.year or 0)
        if rank[0] and rank > best_rank:
            value = as_number(round(fact.value * factor, 10))
            best, best_rank = YearValue(fact.year, value, fact.text), rank
    return best
