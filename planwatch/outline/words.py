"""Targets stated in words: relative to another indicator, to an outside reference, a range to
stay within, or set each year.

National and provincial outlines print their most watched targets without a number of their
own: ``高于GDP增长``, ``与GDP增长基本同步``, ``快于全省平均水平``, ``保持在合理区间``,
``各年度视情提出``, or a number with words beside it (``>7、力争投入强度高于“十三五”时期实际``).
Each clause of a cell or sentence is read for one of the four kinds of
:class:`~planwatch.outline.model.WordTarget`; a referenced row is resolved to its code by name
(``GDP`` = ``国内生产总值`` = ``地区生产总值`` = ``经济增长``), else the reference is kept by its
printed name for the coordinator to fill in. Rules and examples: docs/outline-format.md.
"""

from __future__ import annotations

import re
from dataclasses import replace

from planwatch.outline.model import Indicator, WordTarget
from planwatch.outline.structure import Passage
from planwatch.outline.subjects import clean_subject

_CLAUSE = re.compile(r"[^，,；;、。！？]+")
_SENTENCE = re.compile(r"[^。！？!?]+")
_YEAR_SET = re.compile(r"(?:各|每)年(?:度)?(?:视情|根据实际|另行)?(?:提出|确定|下达)|视情提出")
_RANGE = re.compile(r"(?:保持在|保持|稳定在|运行在|处于)?合理区间|(?:保持|趋向)?基本(?:稳定|平衡)")
_IN_STEP = re.compile(
    r"^(?P<subject>.*?)(?:与|和|同)(?P<ref>[^与和同]{1,24}?)(?:基本|保持)?同步(?:增长|提高|提升)?$"
)
_COMPARE = re.compile(
    r"^(?P<subject>.*?)(?P<rel>不低于|不慢于|不高于|高于|快于|超过|低于|慢于)(?P<ref>[^\d%％‰]{2,30})$"
)
_RELATION = {"不低于": "not_below", "不慢于": "not_below", "不高于": "not_above"}
_RELATION |= {"高于": "above", "快于": "above", "超过": "above", "低于": "below", "慢于": "below"}
#: A reference outside the plan's own rows: an average, another place, another period.
_OUTSIDE = re.compile(r"平均水平|平均增速|全国|全省|全市|全区|同类|同期|时期|实际|“十|\"十")
#: Words after the reference that are not its name (``…预期目标确定``).
_REF_TAIL = re.compile(r"(?:的)?(?:确定|为准|为宜|而定)$")
_REF_CORE = re.compile(r"(?:的)?(?:预期目标|目标|增长速度|增长率|增速|增幅|增长|水平)$")
#: Names of the economy's output: a reference to any of them is the plan's GDP row.
_ECONOMY = ("GDP", "国内生产总值", "地区生产总值", "生产总值", "经济", "经济发展", "经济增长")
_OUTPUT_ROW = re.compile(r"GDP|国内生产总值|地区生产总值|生产总值")
#: Rows that mention the output but measure something else (人均, shares, intensities).
_NOT_OUTPUT = re.compile(r"人均|占|比重|单位|每|能耗|排放|能源|电耗|水耗")
_GROWTH_ROW = re.compile(r"增长|增速|增幅")
_BRACKETS = re.compile(r"[（(][^（）()]*[)）]")
_HEDGE = re.compile(r"^(?:力争|争取|确保|保证|保持|实行|逐步形成|努力|实现|要|在实施中)+")
_MARKS = re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩\d.、\s]+|^注[:：]")


def read_word_targets(text: str | None) -> list[WordTarget]:
    """The word targets of one cell or clause list, in order; numbers and plain aims give none.

    ``>7、力争投入强度高于“十三五”时期实际`` → one ``reference`` target about ``投入强度``;
    ``保持在合理区间、各年度视情提出`` → a ``range`` and a ``year_set`` target."""
    if not text:
        return []
    found: list[WordTarget] = []
    for clause in _CLAUSE.findall(text):
        clause = _MARKS.sub("", clause.strip())
        target = _clause_target(clause)
        if target is not None:
            found.append(target)
    return found


def _clause_target(clause: str) -> WordTarget | None:
    if not clause:
        return None
    if _YEAR_SET.search(clause):
        return WordTarget("year_set", clause)
    step = _IN_STEP.match(clause)
    if step:
        return _relative(clause, "in_step", step.group("ref"), step.group("subject"))
    compare = _COMPARE.match(clause)
    if compare:
        relation = _RELATION[compare.group("rel")]
        return _relative(clause, relation, compare.group("ref"), compare.group("subject"))
    ranged = _RANGE.search(clause)
    if ranged:
        return WordTarget("range", clause, subject=_subject(clause[: ranged.start()]))
    return None


def _relative(clause: str, relation: str, ref: str, subject: str) -> WordTarget:
    name = _REF_TAIL.sub("", ref.strip())
    kind = "reference" if _OUTSIDE.search(name) else "relative"
    return WordTarget(kind, clause, relation, None, name, _subject(subject))


def _subject(text: str) -> str | None:
    text = _HEDGE.sub("", _MARKS.sub("", text.strip()))
    text = re.sub(r"(?:按照|按|要|应|须|明显|显著|进一步)+$", "", text)
    subject = clean_subject(text) if text else ""
    return subject or None


def resolve_references(indicators: list[Indicator]) -> None:
    """Give each relative word target of the rows the code of the row it names; a name no row
    answers to becomes an outside ``reference`` the coordinator fills in."""
    for indicator in indicators:
        for target in indicator.word_targets:
            _resolve(target, indicators, indicator.code)


def _resolve(target: WordTarget, indicators: list[Indicator], own: str | None) -> None:
    if target.kind != "relative":
        return
    code = referenced_row(target.reference_name or "", indicators, own)
    if code is None:
        target.kind = "reference"
    target.reference = code


def referenced_row(name: str, indicators: list[Indicator], own: str | None = None) -> str | None:
    """The code of the row ``name`` refers to (``GDP增长`` → the 国内生产总值增长 row), or None."""
    wanted = _core(name)
    if not wanted:
        return None
    if wanted in _ECONOMY or _OUTPUT_ROW.search(wanted):
        rows = [
            i
            for i in indicators
            if _OUTPUT_ROW.search(i.name) and not _NOT_OUTPUT.search(_BRACKETS.sub("", i.name))
        ]
    else:
        rows = [i for i in indicators if _same_name(wanted, _core(i.name))]
    rows = [i for i in rows if i.code != own]
    if not rows:
        return None
    growth = [i for i in rows if _GROWTH_ROW.search(i.name)]
    return (growth or rows)[0].code


def _core(name: str) -> str:
    text = _BRACKETS.sub("", name).strip('“”" ')
    for _ in range(2):
        text = _REF_CORE.sub("", text)
    return text


def _same_name(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return len(short) >= 2 and short in long


def find_word_targets(
    passages: list[Passage], notes: list[str], indicators: list[Indicator]
) -> list[WordTarget]:
    """Word targets of the forward-looking text and of the indicator table's notes, with the
    headings (or ``注``) they sit under; a clause without a subject of its own takes the one
    before it in the sentence (``…收入增长按照…确定，在实施中要努力实现和经济发展同步``)."""
    found: list[WordTarget] = []
    sources = [(p.location, p.text) for p in passages if not p.review]
    printed = "".join(text for _, text in sources)
    sources += [(["注"], note) for note in notes if note not in printed]
    for location, text in sources:
        for sentence in _SENTENCE.findall(text):
            previous: str | None = None
            for target in read_word_targets(sentence):
                if target.subject is None or not _noun_like(target.subject):
                    target.subject = previous
                previous = target.subject
                target.location = list(location)
                _resolve(target, indicators, None)
                found.append(target)
                _attach(target, indicators)
    return found


#: Words of a row's name that do not change what it measures (人均, 可支配 …) and the places a
#: subject may cover at once (城乡居民收入 = 城镇居民… and 农村居民…).
_MEASURE_WORDS = re.compile(r"人均|可支配|纯")
_PLACE = re.compile(r"^(城乡|城镇|农村|城市)")


def _attach(target: WordTarget, indicators: list[Indicator]) -> None:
    """A word target of the text or of a table note joins the rows its subject names, to be
    judged with them (note ④ of the 12th outline: 城乡居民收入增长…不低于国内生产总值增长 → the
    城镇居民人均可支配收入 and 农村居民人均纯收入 rows); a row that already prints the same target
    in its cell keeps its own."""
    if not target.subject:
        return
    for row in subject_rows(target.subject, indicators):
        if row.code == target.reference:
            continue
        same = [
            w
            for w in row.word_targets
            if (w.kind, w.relation, w.reference) == (target.kind, target.relation, target.reference)
        ]
        if not same:
            row.word_targets.append(replace(target, subject=None, location=list(target.location)))


def subject_rows(subject: str, indicators: list[Indicator]) -> list[Indicator]:
    """The rows a word target's subject names: the row of that name (``全员劳动生产率增长``),
    else every row of the places it covers (``城乡居民收入`` → the 城镇 and the 农村 rows)."""
    wanted = _plain(subject)
    if len(wanted) < 2:
        return []
    exact = [i for i in indicators if _plain(i.name) == wanted]
    if exact:
        return exact
    place = _PLACE.match(wanted)
    covers = ("城镇", "农村", "城市", "城乡") if not place or place.group(1) == "城乡" else ()
    rest = _PLACE.sub("", wanted)
    found = []
    for row in indicators:
        name = _plain(row.name)
        at = _PLACE.match(name)
        same_place = at and (at.group(1) in covers or at.group(1) == (place and place.group(1)))
        if same_place and _PLACE.sub("", name) == rest:
            found.append(row)
    return found


def _plain(name: str) -> str:
    return _MEASURE_WORDS.sub("", _core(name))


def _noun_like(subject: str) -> bool:
    """A subject that is a clause of instruction (``在实施中…``) names nothing."""
    return not re.search(r"实施|努力|推动|确保|工作", subject)
