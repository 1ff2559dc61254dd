"""Quantified commitments in the running text, and the baselines the review chapter gives them.

Each sentence of a forward-looking passage is read clause by clause for six kinds of commitment:

* ``level``: a subject reaching a value (``…企业数量达到500家``, ``比重达5.5%``, ``…比重73%``);
* ``increment``: an addition (``新增天然气管网100公里``);
* ``coverage``: full coverage (``实现生活垃圾分类全覆盖``, ``实现100%"一网通办"``, ``…率达到100%``);
* ``rank``: a place in a ranking (``进入…排名前三十行列`` → ≤ 30);
* ``count``: a number of things to build (``打造…3个千亿级产业集群``);
* ``multiple``: a multiplication (``数量倍增`` → 2×, ``翻两番`` → 4×).

Per-unit requirements read as coverage (``实现所有村居社区建有…``, ``每个街道至少建有一个…`` →
100 %) or, for more than one, as a count per unit (``每个社区配备2名…`` → 2 名/社区).

The year is the ``到2025年`` the sentence gives before the commitment, else null. A commitment the
outline states again (same kind, value, unit, bound, compatible year, same subject) is one
target: it keeps its first place and code, and lists the other places in ``also_at``. Baselines
come from review passages (:mod:`planwatch.outline.baselines`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.outline.baselines import link_baselines, stated_facts
from planwatch.outline.model import ProseTarget
from planwatch.outline.structure import Passage
from planwatch.outline.subjects import (
    SEPARATORS,
    clause_start,
    clean_subject,
    likeness,
    span_text,
    strip_marks,
)
from planwatch.outline.values import UNIT, as_number, cn_to_int, is_year

_SEP = SEPARATORS
_CLAUSE = rf"[^{_SEP}。]"
_NUM = r"\d+(?:\.\d+)?"
_SENTENCES = re.compile(r"[^。！？!?]+[。！？!?]?")
_YEAR = re.compile(r"(?:到|至|在|于)(20\d\d)年|(20\d\d)年(?:底|末)?(?:前|以前)")
_BOUND = {"以上": ">=", "以内": "<=", "以下": "<=", "左右": "~"}
#: 超过/高于 bound strictly: ``比重超过17%`` is met only above 17 %.
_VERB_BOUND = {"控制在": "<=", "不超过": "<=", "低于": "<", "不低于": ">=", "不少于": ">="}
_VERB_BOUND |= {"超过": ">", "高于": ">", "不高于": "<="}
#: Verbs that bring a quantity down to a level: the level is a ceiling.
_DOWN_TO = ("降至", "降到", "下降到", "下降至", "降低到", "降低至", "减少到", "减少至", "压减到")
_VERB_BOUND |= dict.fromkeys(_DOWN_TO, "<=")
_DOWN = "|".join(_DOWN_TO)

_LEVEL = re.compile(
    rf"(?P<subject>{_CLAUSE}*?)(?P<verb>达到|突破|超过|提高到|提升到|增长到|增加到|增至|提高至|提升至"
    rf"|控制在|保持在|稳定在|保持|{_DOWN}|不低于|不少于|不超过|不高于|低于|高于|达)(?P<cmp>[≥≤><]=?)?(?P<num>{_NUM})"
    rf"(?P<unit>{UNIT})(?P<bound>以上|以内|以下|左右)?"
)
_SHARE = re.compile(
    rf"(?P<subject>{_CLAUSE}*?(?:比重|比例|占比|率))(?P<num>{_NUM})(?P<unit>%)(?P<bound>以上|左右)?"
)
#: A reduction by an amount: ``单位国内生产总值能源消耗降低16%``, ``排放总量减少10%``.
_REDUCTION = re.compile(
    rf"(?P<subject>{_CLAUSE}*?)(?P<verb>降低|下降|减少|减排|压减)(?!到|至)(?P<num>{_NUM})"
    rf"(?P<unit>{UNIT})(?P<bound>以上|左右)?"
)
#: A growth-rate commitment: ``国内生产总值年均增长7%``, ``…年均增长7%以上``.
_GROWTH = re.compile(
    rf"(?P<subject>{_CLAUSE}*?)(?P<verb>年均增长|年均增速|年均提高)(?P<num>{_NUM})(?P<unit>%)"
    r"(?P<bound>以上|左右)?"
)
#: A rise by points or years: ``城镇化率提高4个百分点``, ``人均预期寿命提高1岁``.
_RISE = re.compile(
    rf"(?P<subject>{_CLAUSE}*?)(?P<verb>提高|提升|上升|增加)(?!到|至)(?P<num>{_NUM})"
    rf"(?P<unit>个百分点|百分点|{UNIT})(?P<bound>以上|左右)?"
)
#: A dimensionless level: ``农业灌溉用水有效利用系数提高到0.53``.
_COEFFICIENT = re.compile(
    rf"(?P<subject>{_CLAUSE}*?(?:系数|指数|弹性))(?P<verb>提高到|提升到|达到|保持在|提高至|{_DOWN})"
    rf"(?P<num>{_NUM})(?![\d.%‰])"
)
#: One verb for several subjects: ``A和B分别提高3个和4个百分点``, ``A、B排放分别减少8%``,
#: ``A和B各4500万人``.
_RESPECTIVELY = re.compile(
    rf"(?P<subject>{_CLAUSE}+?)(?:分别|各)(?P<verb>年均增长|提高到|提高|提升|增加|减少|降低|下降|达到|)"
    rf"(?P<nums>{_NUM}(?:{UNIT})?(?:(?:和|、|及|与){_NUM}(?:{UNIT})?)*?)(?P<unit>个百分点|{UNIT})"
    r"(?P<bound>以上|左右|以内|以下)?"
)
#: One value of a ``分别`` list with the unit printed after it, if any (``95%``, ``3个``).
_LISTED = re.compile(rf"(?P<num>{_NUM})(?P<unit>个百分点|{UNIT})?")
#: A range: ``培育50－100家专精特新企业`` → 50 to 100 家.
_RANGE = re.compile(
    rf"(?P<subject>{_CLAUSE}*?)(?P<low>{_NUM})\s*[－\-—–~～]\s*(?P<high>{_NUM})(?P<unit>{UNIT})"
    rf"(?P<after>[^{_SEP}。、“”]{{0,16}})"
)
_SUBJECT_JOIN = re.compile(r"和|、|及|与")
#: A name of a programme, not a quantity: ``倍增行动``, ``全覆盖工程``.
_PROGRAMME = re.compile(r"^[^，,；;。]{0,2}(?:行动|计划|工程|专项|试点|示范)")

_INCREMENT = re.compile(
    rf"(?P<verb>新增|增加(?!值|到|至)|新培育|新引进)(?P<subject>[^{_SEP}。\d“”]{{1,30}}?)(?P<num>{_NUM})"
    rf"(?P<unit>{UNIT})(?P<bound>以上|左右)?"
)
#: An output to build, at the end of its clause: ``城镇保障性安居工程建设3600万套``,
#: ``建设铁路新线1.7万公里`` (the unit as printed, its 万/亿 scale kept).
_BUILT = re.compile(
    rf"(?P<subject>{_CLAUSE}*?)(?P<verb>新建和改造|新建改造|开工建设|改扩建|建设|新建|建成|改造)"
    rf"(?P<what>[^{_SEP}。\d“”]{{0,12}}?)(?P<num>{_NUM})(?P<unit>{UNIT})(?P<bound>以上|左右)?"
    rf"(?=[{_SEP}。]|$)"
)
#: Where ``_BUILT`` can match at all: a build verb with a figure soon after (建 is everywhere).
_BUILT_HINT = re.compile(rf"(?:建设|新建|建成|改造|改扩建)[^{_SEP}。“”\d]{{0,12}}\d")
#: Where ``_RESPECTIVELY`` can match: 分别/各, at most a verb, then a figure.
_RESPECTIVELY_HINT = re.compile(
    r"(?:分别|各)(?:年均增长|提高到|提高|提升|增加|减少|降低|下降|达到)?\d"
)
#: Units that measure a rate or a time, not an output (these are other kinds' business).
_NOT_OUTPUT = ("%", "‰", "个百分点", "百分点", "年", "岁", "倍", "天", "次")
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

#: Places a requirement can be made per: administrative and service units, never people or years.
_PER = (
    r"(?:街道|社区|村居|行政村|村|镇|乡|园区|学校|中小学|幼儿园|小区|楼宇|网格|医院|卫生院|县|区)"
)
_PER_UNIT = re.compile(
    rf"(?P<q>每一?个?|所有|全部|各)(?P<per>[\u4e00-\u9fff]{{0,4}}?{_PER})(?P<all>都|均|全部)?"
    r"(?P<least>至少|不少于)?(?P<verb>建有|建成|配备|配齐|设有|设立|拥有|配建|开通|有)"
    r"(?:(?P<num>\d+|[一二两三四五六七八九十]+)(?P<unit>个|家|所|座|处|名|支|套|间|条))?"
    rf"(?P<subject>[^{_SEP}。]{{2,24}})"
)


_DIGITS = tuple("0123456789")


@dataclass
class _Found:
    start: int
    end: int
    kind: str
    subject: str
    value: float | None
    unit: str | None
    comparator: str | None
    high: float | None = None
    unpaired: bool = False  # one of a 分别 list whose subjects and values do not pair up


def find_targets(
    passages: list[Passage],
    base_year: int | None = None,
    target_year: int | None = None,
    unpaired: list[ProseTarget] | None = None,
) -> list[ProseTarget]:
    """Targets in document order, coded T1, T2 …, with baselines linked from review passages;
    a target whose text names no year is for the plan's target year (``year_defaulted``).

    ``unpaired`` (if given) receives the targets of ``分别`` lists whose subjects and values
    did not pair up, for the reading report."""
    found: list[ProseTarget] = []
    loose: list[ProseTarget] = []
    for passage in passages:
        if passage.review:
            continue
        for sentence in _SENTENCES.findall(passage.text):
            for item, text, year in _sentence_targets(sentence):
                found.append(
                    ProseTarget(
                        code="",
                        subject=item.subject,
                        value=as_number(item.value),
                        unit=item.unit,
                        comparator=item.comparator,
                        year=year or target_year,
                        year_defaulted=year is None and target_year is not None,
                        kind=item.kind,
                        high=as_number(item.high) if item.high is not None else None,
                        text=text,
                        location=list(passage.location),
                    )
                )
                if item.unpaired:
                    loose.append(found[-1])
    targets = merge_restatements(found)
    if unpaired is not None:
        unpaired.extend(t for t in loose if any(t is k for k in targets))
    for number, target in enumerate(targets, 1):
        target.code = f"T{number}"
    facts = [f for p in passages if p.review for f in stated_facts(p.text, base_year)]
    link_baselines(targets, facts, base_year)
    return targets


def merge_restatements(targets: list[ProseTarget]) -> list[ProseTarget]:
    """One target per commitment: a restatement adds its place to the first one's ``also_at``.

    The first occurrence keeps its text; a year only the restatement gives fills the gap.
    """
    kept: list[ProseTarget] = []
    for target in targets:
        first = next((k for k in kept if restates(target, k)), None)
        if first is None:
            kept.append(target)
            continue
        if target.location != first.location and target.location not in first.also_at:
            first.also_at.append(list(target.location))
        if (first.year is None or first.year_defaulted) and not target.year_defaulted:
            first.year, first.year_defaulted = target.year or first.year, False
    return kept


def restates(later: ProseTarget, first: ProseTarget) -> bool:
    """Whether ``later`` states ``first`` again: same kind, value, unit and bound, years that do
    not disagree, and subjects naming the same thing."""
    same = (later.kind, later.value, later.unit, later.comparator) == (
        first.kind,
        first.value,
        first.unit,
        first.comparator,
    )
    years_agree = (
        later.year is None
        or first.year is None
        or later.year == first.year
        or later.year_defaulted
        or first.year_defaulted
    )
    return same and years_agree and likeness(later.subject, first.subject) > 0


def _sentence_targets(sentence: str):
    body = sentence.rstrip("。！？!? ")
    found = _matches(body)
    for item in found:
        year_match = None
        for m in _YEAR.finditer(body, 0, item.end):
            year_match = m
        year = int(year_match.group(1) or year_match.group(2)) if year_match else None
        lead = year_match.start() if year_match else item.start
        if any(f is not item and f.start <= lead < f.end for f in found):
            lead = item.start  # the dating clause is another commitment: not part of this text
        if not item.subject:  # "…厕所建设，到2025年实现全覆盖": the subject is the clause before
            own = clause_start(body, item.start)
            before = [
                f for f in found if f.subject and clause_start(body, f.start) < own <= f.end + 1
            ]
            # "人均预期寿命提高1岁，达到74.5岁": the commitment before names what reaches 74.5
            item.subject = before[-1].subject if before else _previous_clause(body, own)
            lead = min(lead, clause_start(body, max(own - 1, 0)))
        yield item, span_text(body, lead, item.start, item.end), year


def _matches(body: str) -> list[_Found]:
    found: list[_Found] = []

    def add(item: _Found | None) -> None:
        if (
            item is not None
            and item.subject is not None
            and not any(item.start < f.end and f.start < item.end for f in found)
        ):
            found.append(item)

    for m in _scan(_RANGE, body, "－", "-", "—", "–", "~", "～"):
        if is_year(m.group("high"), m.group("unit")) or float(m.group("low")) >= 1900:
            continue  # 2021－2025年 is a period
        after = clean_subject(m.group("after"))
        subject = after or clean_subject(m.group("subject"))
        low, high = float(m.group("low")), float(m.group("high"))
        add(_Found(m.start("subject"), m.end(), "count" if after else "level", subject,
                   low, m.group("unit"), ">=", high))  # fmt: skip
    for m in _RESPECTIVELY.finditer(body) if _RESPECTIVELY_HINT.search(body) else ():
        items = _respectively(m)
        if items and not any(items[0].start < f.end and f.start < items[0].end for f in found):
            found.extend(items)  # one span, several targets
    for pattern, kind, needles in (
        (_GROWTH, "growth", ("年均",)),
        (_REDUCTION, "reduction", ("降低", "下降", "减少", "减排", "压减")),
        (_RISE, "increment", ("提高", "提升", "上升", "增加")),
    ):
        for m in _scan(pattern, body, *needles):
            add(_Found(m.start("subject"), m.end(), kind, clean_subject(m.group("subject")),
                       float(m.group("num")), m.group("unit"),
                       _BOUND.get(m.group("bound") or "", ">=")))  # fmt: skip
    for m in _scan(_COEFFICIENT, body, "系数", "指数", "弹性"):
        comparator = _VERB_BOUND.get(m.group("verb"), ">=")
        add(_Found(m.start("subject"), m.end(), "level", clean_subject(m.group("subject")),
                   float(m.group("num")), None, comparator))  # fmt: skip
    for m in _RANK.finditer(body):
        subject = clean_subject(_before(body, m.start())) or clean_subject(m.group("subject"))
        add(_Found(m.start(), m.end(), "rank", subject or strip_marks(m.group(0)),
                   cn_to_int(m.group("num")), "名", "<="))  # fmt: skip
    for m in _scan(_MULTIPLE, body, "倍增", "翻"):
        if _PROGRAMME.match(body[m.end() :]):
            continue
        times = 4 if m.group("how") == "翻两番" else 2
        subject = clean_subject(m.group("subject"))
        add(_Found(m.start("subject"), m.end(), "multiple", subject, times, "倍", ">="))
    for m in _FULL_SHARE.finditer(body):
        add(_Found(m.start(), m.end(), "coverage", clean_subject(_before(body, m.start()) +
                   m.group("subject")), 100, "%", ">="))  # fmt: skip
    for m in _PER_UNIT.finditer(body):
        add(_per_unit(m))
    for m in _scan(_COVERAGE, body, "全覆盖"):
        begin = m.start("subject")
        if (begin > 0 and body[begin - 1] == "、") or m.group("subject").endswith("、"):
            continue
        if _PROGRAMME.match(body[m.end() :]):
            continue
        add(_Found(begin, m.end(), "coverage", clean_subject(m.group("subject")), 100, "%", ">="))
    for m in _INCREMENT.finditer(body):
        if re.search("控制在|不超过|不高于", m.group(0)) or m.group("bound") == "以内":
            continue  # "新增建设用地规模控制在2950万亩以内" caps the level
        bound = _BOUND.get(m.group("bound"), ">=")
        add(_Found(m.start(), m.end(), "increment", clean_subject(m.group("subject")),
                   float(m.group("num")), m.group("unit"), bound))  # fmt: skip
    for m in _COUNT.finditer(body):
        pre, subject = m.group("pre"), m.group("subject")
        if _in_quotes(body, m.start("num")) or pre.endswith(("第", "“")) or pre.startswith("成"):
            continue
        if "的" in subject:
            continue
        add(_Found(m.start(), m.end(), "count", clean_subject(m.group("subject")),
                   cn_to_int(m.group("num")), m.group("unit"), ">="))  # fmt: skip
    for m in _BUILT.finditer(body) if _BUILT_HINT.search(body) else ():
        if m.group("unit") in _NOT_OUTPUT or m.group("unit").startswith("/"):
            continue
        subject = clean_subject(m.group("subject") + m.group("what"))
        add(_Found(m.start("subject"), m.end(), "count", subject, float(m.group("num")),
                   m.group("unit"), _BOUND.get(m.group("bound") or "", ">=")))  # fmt: skip
    for pattern in (_LEVEL, _SHARE):
        for m in _scan(pattern, body, *(("%",) if pattern is _SHARE else _DIGITS)):
            if is_year(m.group("num"), m.group("unit")) or _in_quotes(body, m.start("num")):
                continue
            if pattern is _SHARE and not _YEAR.search(body, 0, m.start() + 1):
                continue
            comparator = _level_comparator(m)
            value = float(m.group("num"))
            kind = "coverage" if value == 100 and m.group("unit") == "%" else "level"
            add(_Found(m.start("subject"), m.end(), kind, clean_subject(m.group("subject")), value,
                       m.group("unit"), comparator))  # fmt: skip
    return sorted(found, key=lambda f: f.start)


def _respectively(m: re.Match) -> list[_Found]:
    """One target per subject of a ``分别``/``各`` list, paired in order with its own value
    (``95%和85%``, ``3个和4个百分点``), or all with the one value given.

    Where subjects and values do not pair up (``参保率分别达到95%和85%``: one subject, two
    values) nothing is paired by guess: one target per value with the whole subject, marked
    ``unpaired`` so that the reading report asks the coordinator to check it."""
    subject_text = clean_subject(m.group("subject"))
    subjects = [clean_subject(p) for p in _SUBJECT_JOIN.split(m.group("subject"))]
    subjects = [s for s in subjects if s]
    final = "个百分点" if m.group("unit") == "百分点" else m.group("unit")
    listed = [*_LISTED.finditer(m.group("nums"))]
    values = [float(v.group("num")) for v in listed]
    units = [_listed_unit(v.group("unit"), final) for v in listed]
    if not subjects or not values:
        return []
    unpaired = len(values) > 1 and len(values) != len(subjects)
    if unpaired:
        subjects = [subject_text] * len(values)
    elif len(values) == 1:
        values, units = values * len(subjects), units * len(subjects)
    verb = m.group("verb")
    if verb in ("年均增长",):
        kind = "growth"
    elif verb in ("减少", "降低", "下降"):
        kind = "reduction"
    elif verb in ("提高", "提升", "增加") or "新增" in m.group("subject") or final == "个百分点":
        kind = "increment"
    else:
        kind = "level"
    comparator = _BOUND.get(m.group("bound") or "", ">=")
    return [
        _Found(m.start("subject"), m.end(), kind, s, v, u, comparator, unpaired=unpaired)
        for s, v, u in zip(subjects, values, units, strict=True)
    ]


def _listed_unit(own: str | None, final: str) -> str:
    """A listed value's unit: its own, unless it is only the start of the list's last one
    (``3个和4个百分点``: 3 个百分点)."""
    if not own or final.startswith(own):
        return final
    return own


def _scan(pattern: re.Pattern[str], body: str, *needles: str):
    """``pattern``'s matches, skipping the scan where none of the words it needs occurs."""
    return pattern.finditer(body) if any(n in body for n in needles) else ()


def _per_unit(m: re.Match) -> _Found | None:
    """``所有村居社区建有…``, ``每个街道至少建有一个…`` → coverage 100 %;
    ``每个社区配备2名…`` → a count of 2 名/社区."""
    quantifier, number, thing = m.group("q"), m.group("num"), m.group("subject")
    if thing.startswith("的") or (quantifier == "各" and not m.group("all")):
        return None  # "各社区建有的…" describes; "各X均建有" commits
    if m.group("verb") == "有" and not (number or m.group("least")):
        return None
    count = cn_to_int(number) if number else 1
    if count is None:
        return None
    if count == 1:
        subject = f"{m.group('per')}{m.group('verb')}{thing}"
        return _Found(m.start(), m.end(), "coverage", subject, 100, "%", ">=")
    unit = f"{m.group('unit')}/{m.group('per')}"
    return _Found(m.start(), m.end(), "count", strip_marks(thing), count, unit, ">=")


def _level_comparator(m: re.Match) -> str:
    groups = m.groupdict()
    if groups.get("cmp"):
        return {"≥": ">=", "≤": "<=", ">": ">", "<": "<"}.get(groups["cmp"][0], groups["cmp"])
    if groups.get("bound"):
        return _BOUND[groups["bound"]]
    return _VERB_BOUND.get(groups.get("verb") or "", ">=")


def _before(body: str, at: int) -> str:
    return body[clause_start(body, at) : at]


def _previous_clause(body: str, start: int) -> str:
    end = start - 1
    if end <= 0:
        return ""
    return clean_subject(body[clause_start(body, end) : end])


def _in_quotes(body: str, at: int) -> bool:
    prefix = body[:at]
    return prefix.count("“") > prefix.count("”") or prefix.count("《") > prefix.count("》")
