"""Quantified commitments in the running text, and the baselines the review chapter gives them.

Each sentence of a forward-looking passage is read clause by clause for six kinds of commitment:

* ``level``: a subject reaching a value (``…企业数量达到500家``, ``比重达5.5%``, ``…比重73%``);
* ``increment``: an addition (``新增天然气管网100公里``);
* ``coverage``: full coverage (``实现生活垃圾分类全覆盖``, ``实现100%"一网通办"``, ``…率达到100%``);
* ``rank``: a place in a ranking (``进入…排名前三十行列`` → ≤ 30);
* ``count``: a number of things to build (``打造…3个千亿级产业集群``);
* ``multiple``: a multiplication (``数量倍增`` → 2×, ``翻两番`` → 4×).

The year is the ``到2025年`` the sentence gives before the commitment, else null. Baselines come
from review passages ("截至2020年底，高新技术企业达到252家"): a fact links to a target when both
carry the same unit and their subjects share enough of their wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.outline.model import ProseTarget, YearValue
from planwatch.outline.structure import Passage
from planwatch.outline.values import UNIT, as_number, cn_to_int

_SEP = "，,；;：:"
_CLAUSE = rf"[^{_SEP}。]"
_NUM = r"\d+(?:\.\d+)?"
_SENTENCES = re.compile(r"[^。！？!?]+[。！？!?]?")
_YEAR = re.compile(r"(?:到|至|在|于)(20\d\d)年|(20\d\d)年(?:底|末)?(?:前|以前)")
_BOUND = {"以上": ">=", "以内": "<=", "以下": "<=", "左右": "~"}
_VERB_BOUND = {"控制在": "<=", "不超过": "<=", "低于": "<", "不低于": ">=", "不少于": ">="}

_LEVEL = re.compile(
    rf"(?P<subject>{_CLAUSE}*?)(?P<verb>达到|突破|超过|提高到|提升到|增长到|增加到|增至|提高至|提升至"
    rf"|控制在|保持在|稳定在|不低于|不少于|不超过|低于|达)(?P<cmp>[≥≤><]=?)?(?P<num>{_NUM})"
    rf"(?P<unit>{UNIT})(?P<bound>以上|以内|以下|左右)?"
)
_SHARE = re.compile(
    rf"(?P<subject>{_CLAUSE}*?(?:比重|比例|占比|率))(?P<num>{_NUM})(?P<unit>%)(?P<bound>以上|左右)?"
)
_INCREMENT = re.compile(
    rf"(?P<verb>新增|增加|新培育|新引进)(?P<subject>[^{_SEP}。\d“”]{{1,30}}?)(?P<num>{_NUM})"
    rf"(?P<unit>{UNIT})(?P<bound>以上|左右)?"
)
_COVERAGE = re.compile(rf"(?P<subject>{_CLAUSE}{{0,40}}?)全覆盖(?=[{_SEP}。、)）]|$)")
_FULL_SHARE = re.compile(rf"实现(?P<num>100)%(?P<subject>{_CLAUSE}{{1,24}})")
_RANK = re.compile(
    rf"(?P<verb>进入|跻身|位居|位列|迈入|稳居|保持)(?P<subject>{_CLAUSE}{{0,20}}?)前"
    r"(?P<num>[一二三四五六七八九十百\d]+)(?:强|名|位|行列)"
)
_COUNT = re.compile(
    rf"(?P<verb>打造|建成|建设|培育|创建)(?P<pre>{_CLAUSE}{{0,24}}?)(?P<num>\d+|[一二两三四五六七八九十]+)"
    rf"(?P<unit>个|家|座|所|条|项|处)(?P<subject>[^{_SEP}。、“”]{{2,16}})"
)
_MULTIPLE = re.compile(rf"(?P<subject>{_CLAUSE}{{2,30}}?)(?P<how>倍增|翻一番|翻番|翻两番)")

_FACT = re.compile(
    rf"(?P<subject>{_CLAUSE}*?)(?:达到|达|增至|增加到|提高到|突破|为)(?P<num>{_NUM})(?P<unit>{UNIT})"
)
_FACT_DONE = re.compile(
    rf"(?:实现|拥有|完成)(?P<subject>[^{_SEP}。\d]{{2,24}}?)(?P<num>{_NUM})(?P<unit>{UNIT})"
)
_FACT_YEAR = re.compile(r"(?:截至|截止|到)?((?:19|20)\d\d)年")

_LEADING = re.compile(
    r"^(?:到20\d\d年(?:底|末)?(?:前)?|力争|争取|确保|实现|加快推进|加快|推进|推动|努力|届时|其中|使|让|将"
    r"|要|在|—+|\s)+"
)
_TRAILING = re.compile(r"(?:的|均|都|将|要|应|可|分别|累计|总量为|实现|达到|比(?:19|20)\d\d年)+$")
_SUBJECT_SCOPE = re.compile(r"^(?:截至|截止)(?:19|20)\d\d年(?:底|末)?")


@dataclass
class _Found:
    start: int
    end: int
    kind: str
    subject: str
    value: float | None
    unit: str | None
    comparator: str | None


def find_targets(passages: list[Passage], base_year: int | None = None) -> list[ProseTarget]:
    """Targets in document order, coded T1, T2 …, with baselines linked from review passages."""
    facts = [f for p in passages if p.review for f in _facts(p.text, base_year)]
    targets: list[ProseTarget] = []
    for passage in passages:
        if passage.review:
            continue
        for sentence in _SENTENCES.findall(passage.text):
            for found, text, year in _sentence_targets(sentence):
                targets.append(
                    ProseTarget(
                        code=f"T{len(targets) + 1}",
                        subject=found.subject,
                        value=as_number(found.value),
                        unit=found.unit,
                        comparator=found.comparator,
                        year=year,
                        kind=found.kind,
                        text=text,
                        location=list(passage.location),
                    )
                )
    for target in targets:
        target.baseline = _baseline_for(target, facts)
    return targets


def _sentence_targets(sentence: str):
    body = sentence.rstrip("。！？!? ")
    found = _matches(body)
    for item in found:
        year_match = None
        for m in _YEAR.finditer(body, 0, item.end):
            year_match = m
        year = int(year_match.group(1) or year_match.group(2)) if year_match else None
        lead = year_match.start() if year_match else item.start
        if not item.subject:  # "…厕所建设，到2025年实现全覆盖": the subject is the clause before
            own = _clause_start(body, item.start)
            item.subject = _previous_clause(body, own)
            lead = min(lead, _clause_start(body, max(own - 1, 0)))
        yield item, _span_text(body, lead, item.start, item.end), year


def _matches(body: str) -> list[_Found]:
    found: list[_Found] = []

    def add(item: _Found) -> None:
        if item.subject is not None and not any(
            item.start < f.end and f.start < item.end for f in found
        ):
            found.append(item)

    for m in _RANK.finditer(body):
        subject = _subject(_before(body, m.start())) or _subject(m.group("subject"))
        add(_Found(m.start(), m.end(), "rank", subject or _clean(m.group(0)),
                   cn_to_int(m.group("num")), "名", "<="))  # fmt: skip
    for m in _MULTIPLE.finditer(body):
        times = 4 if m.group("how") == "翻两番" else 2
        add(_Found(m.start("subject"), m.end(), "multiple", _subject(m.group("subject")), times,
                   "倍", ">="))  # fmt: skip
    for m in _FULL_SHARE.finditer(body):
        add(_Found(m.start(), m.end(), "coverage", _subject(_before(body, m.start()) +
                   m.group("subject")), 100, "%", ">="))  # fmt: skip
    for m in _COVERAGE.finditer(body):
        begin = m.start("subject")
        if (begin > 0 and body[begin - 1] == "、") or m.group("subject").endswith("、"):
            continue
        add(_Found(begin, m.end(), "coverage", _subject(m.group("subject")), 100, "%", ">="))
    for m in _INCREMENT.finditer(body):
        bound = _BOUND.get(m.group("bound"), ">=")
        add(_Found(m.start(), m.end(), "increment", _subject(m.group("subject")),
                   float(m.group("num")), m.group("unit"), bound))  # fmt: skip
    for m in _COUNT.finditer(body):
        pre, subject = m.group("pre"), m.group("subject")
        if _in_quotes(body, m.start("num")) or pre.endswith(("第", "“")) or pre.startswith("成"):
            continue
        if "的" in subject:
            continue
        add(_Found(m.start(), m.end(), "count", _subject(m.group("subject")),
                   cn_to_int(m.group("num")), m.group("unit"), ">="))  # fmt: skip
    for pattern in (_LEVEL, _SHARE):
        for m in pattern.finditer(body):
            if _is_year(m.group("num"), m.group("unit")) or _in_quotes(body, m.start("num")):
                continue
            if pattern is _SHARE and not _YEAR.search(body, 0, m.start() + 1):
                continue
            comparator = _level_comparator(m)
            value = float(m.group("num"))
            kind = "coverage" if value == 100 and m.group("unit") == "%" else "level"
            add(_Found(m.start("subject"), m.end(), kind, _subject(m.group("subject")), value,
                       m.group("unit"), comparator))  # fmt: skip
    return sorted(found, key=lambda f: f.start)


def _level_comparator(m: re.Match) -> str:
    groups = m.groupdict()
    if groups.get("cmp"):
        return {"≥": ">=", "≤": "<=", ">": ">", "<": "<"}.get(groups["cmp"][0], groups["cmp"])
    if groups.get("bound"):
        return _BOUND[groups["bound"]]
    return _VERB_BOUND.get(groups.get("verb") or "", ">=")


def _facts(text: str, base_year: int | None) -> list[tuple[str, float, str, int | None, str]]:
    """``(subject, value, unit, year, text)`` for each figure a review passage states."""
    out = []
    for sentence in _SENTENCES.findall(text):
        body = sentence.rstrip("。！？!? ")
        for pattern in (_FACT, _FACT_DONE):
            for m in pattern.finditer(body):
                if _is_year(m.group("num"), m.group("unit")):
                    continue
                subject = _subject(_SUBJECT_SCOPE.sub("", _subject(m.group("subject"))))
                if len(subject) < 2:
                    continue
                years = [int(y) for y in _FACT_YEAR.findall(body[: m.start("num")])]
                year = years[-1] if years else base_year
                lead = _FACT_YEAR.search(body, 0, m.start("num"))
                dated = lead and lead.group(0).startswith(("截至", "截止"))
                since = lead.start() if dated else None
                clause = _span_text(body, m.start() if since is None else since, m.start(), m.end())
                out.append((subject, float(m.group("num")), m.group("unit"), year, clause))
    return out


def _baseline_for(target: ProseTarget, facts) -> YearValue | None:
    if target.kind not in ("level", "count") or target.value is None:
        return None
    best, best_score = None, 0
    for subject, value, unit, year, text in facts:
        if unit != target.unit:
            continue
        score = _similarity(subject, target.subject)
        if score > best_score:
            best, best_score = YearValue(year, as_number(value), text), score
    return best


def _similarity(fact: str, target: str) -> int:
    """Length of the shared wording when it is enough to call two subjects the same thing."""
    if fact in target or target in fact:
        return min(len(fact), len(target)) + 100
    common = _longest_common(fact, target)
    return common if common >= max(4, min(len(fact), len(target)) / 2) else 0


def _longest_common(a: str, b: str) -> int:
    best = 0
    previous = [0] * (len(b) + 1)
    for ch in a:
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, 1):
            if ch == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def _subject(text: str) -> str:
    return _clean(_TRAILING.sub("", _LEADING.sub("", text.strip())))


def _clean(text: str) -> str:
    return text.strip(f" {_SEP}、。")


def _before(body: str, at: int) -> str:
    return body[_clause_start(body, at) : at]


def _previous_clause(body: str, start: int) -> str:
    end = start - 1
    if end <= 0:
        return ""
    return _subject(body[_clause_start(body, end) : end])


def _span_text(body: str, lead: int, start: int, end: int) -> str:
    """The clause holding a match, preceded by the clause that dates it when that is another one."""
    own = _clause_start(body, start)
    text = body[own : _clause_end(body, end)].strip()
    first = _clause_start(body, lead)
    if first < own:
        head_end = _clause_end(body, lead)
        text = body[first : head_end + 1].strip() + text
    return text


def _clause_start(body: str, at: int) -> int:
    cut = max(body.rfind(ch, 0, at) for ch in _SEP)
    return cut + 1


def _clause_end(body: str, at: int) -> int:
    ends = [k for k in (body.find(ch, at) for ch in _SEP) if k >= 0]
    return min(ends) if ends else len(body)


def _in_quotes(body: str, at: int) -> bool:
    prefix = body[:at]
    return prefix.count("“") > prefix.count("”") or prefix.count("《") > prefix.count("》")


def _is_year(number: str, unit: str) -> bool:
    return unit == "年" and number.isdigit() and 1900 <= int(number) <= 2100
