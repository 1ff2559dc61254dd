"""One sentence per item, with the figures, as an evaluator would write it.

"2022年为6.24%，已超过2025年目标5.5%，提前完成。" Chinese is the default; English sits beside it
in the same table of phrases so that the two never drift apart. Each phrase is bound once, at
import, as a function of its fields (``say.value_in(year=2022, value="6.24%")``): the text
``str.format`` would give, without parsing the template again for each of a province's ~10⁶
phrases.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from string import Formatter
from typing import ClassVar

from planwatch.assess.items import MeasurableItem
from planwatch.assess.methods import Judgement
from planwatch.assess.status import BY_CODE
from planwatch.errors import is_english

#: phrase key → (zh-Hans, en). Fields in braces are filled by the functions below.
PHRASES: dict[str, tuple[str, str]] = {
    "value_in": ("{year}年为{value}", "{value} in {year}"),
    "since": ("截至{year}年累计新增{value}", "{value} added by {year}"),
    "no_data": ("尚无{first}年以来的数据", "no data reported since {first}"),
    "no_start": (
        "缺少基期值，待补充基期值后评估进度",
        "the baseline is missing; progress is assessed once it is recorded",
    ),
    "missing_rates": (
        "{years}年未报数据，按已报年份的平均{what}计",
        "no figure for {years}, taken at the average {what_en} of the years reported",
    ),
    "missing_levels": (
        "{years}年未报数据，不作插补",
        "no figure for {years}, not filled in",
    ),
    "rank_in": ("{year}年排名第{value}位", "position {value} in {year}"),
    "rank_moved": ("较{year}年的第{start}位{verb}{moves}位", "{verb} {moves} places since {year}"),
    "rank_held": ("与{year}年持平", "unchanged since {year}"),
    "rank_met": ("已进入前{target}位", "inside the top {target}"),
    "rank_on_path": (
        "距进入前{target}位还差{gap}位，按进度{year}年应进至第{expected}位，"
        "完成进度{done}、时间进度{time}",
        "{gap} places short of the top {target}; the path expects position {expected} in "
        "{year}; {done} of the way, {time} of the time",
    ),
    "rank_pace": (
        "余下{years}年需年均前移{pace}位",
        "the remaining {years} years need {pace} places up a year",
    ),
    "realised": ("（此前年均{pace}）", " (so far {pace} a year)"),
    "broken_by": (
        "{what}{sep}{by}，须当年回到{target}{side}",
        "{what} by {by}; it must be back {side_en} {target} now",
    ),
    "kept": (
        "{what}，达到目标要求，须保持至{year}年",
        "{what}, within the required bound; it must keep holding until {year}",
    ),
    "fit": (
        "按{first}—{last}年{n}个观测值的趋势，{year}年预计为{value}",
        "the trend of the {n} figures of {first}–{last} points to {value} in {year}",
    ),
    "carried_growth": (
        "按目前的年均增速，{first}—{year}年年均增长预计为{value}",
        "at the average growth so far, {first}–{year} would average {value} a year",
    ),
    "carried_level": (
        "按目前的年均增速，{year}年预计为{value}",
        "at the average growth so far, {value} is expected in {year}",
    ),
    "carried_cut": (
        "按目前的年均降幅，{first}—{year}年累计降低预计为{value}",
        "at the average reduction so far, {first}–{year} would reduce by {value}",
    ),
    "likely": ("预计能够如期完成", "the target is likely to be met"),
    "at_risk": ("存在不能如期完成的风险", "the target is at risk"),
    "unlikely": ("预计难以如期完成", "the target is unlikely to be met"),
    "bound_at_risk": ("存在不能保持在目标要求内的风险", "the bound is at risk of being broken"),
    "bound_back_risk": ("能否及时回到目标要求内存在风险", "getting back within it is at risk"),
    "bound_unlikely": ("预计难以回到目标要求内", "it is unlikely to be back within the bound"),
    "no_trend": ("仅有一年数据，尚无法判断趋势", "a single year of data shows no trend yet"),
    "needs_number": (
        "目标为“{text}”，待明确具体目标值后评估",
        'the target reads "{text}" and is assessed once a number is set',
    ),
    "needs_base": (
        "目标为基期值的{multiple}倍，缺少基期值，待明确目标值",
        "the target is {multiple} times the baseline, which is missing",
    ),
    "exceeded": ("已超过{year}年目标{target}", "beyond the {year} target of {target}"),
    "reached": ("已达到{year}年目标{target}", "at the {year} target of {target}"),
    "on_path": (
        "按{path}路径{year}年应为{expected}，完成进度{done}、时间进度{time}",
        "the {path} path expects {expected} in {year}; {done} of the way, {time} of the time",
    ),
    "from_earliest": ("以{year}年的{value}为起点", "measured from {value} in {year}"),
    "moved_away": (
        "较{year}年的{start}{moved}，与目标{target}方向相反",
        "{moved} from {start} in {year}, away from the target of {target}",
    ),
    "pace_change": (
        "余下{years}年需年均{verb}{pace}",
        "the remaining {years} years need {pace} a year",
    ),
    "pace_growth": (
        "余下{years}年需年均增长{pace}",
        "the remaining {years} years need {pace} growth a year",
    ),
    "changed": ("较{year}年{verb}{change}", "{verb} {change} since {year}"),
    "change_on_path": (
        "按进度应{verb}{expected}（{target_year}年累计目标〔{target}〕），完成进度{done}、时间进度{time}",
        "the pace calls for {expected} (target 〔{target}〕 by {target_year}); "
        "{done} of the way, {time} of the time",
    ),
    "change_met": (
        "已达到累计{verb}{target}的{year}年目标",
        "the {year} target of {target} cumulative change is reached",
    ),
    "added_on_path": (
        "按进度应新增{expected}（{target_year}年目标新增{target}），完成进度{done}、时间进度{time}",
        "the pace calls for {expected} (target {target} by {target_year}); "
        "{done} of the way, {time} of the time",
    ),
    "added_met": ("已达到新增{target}的{year}年目标", "the {year} target of {target} added is met"),
    "no_target": ("未设定目标", "no target set"),
    "grew_one": ("{year}年增长{rate}", "growth of {rate} in {year}"),
    "grew_mean": ("{first}—{last}年年均增长{rate}", "average growth of {rate} in {first}–{last}"),
    "growth_vs": ("{relation}年均{target}的目标", "{relation} the {target} a year targeted"),
    "growth_met": (
        "已实现{first}—{year}年年均增长{target}的累计目标",
        "the cumulative growth of {target} a year to {year} is already achieved",
    ),
    "cut_mean": (
        "{first}—{last}年累计降低{value}",
        "cumulative reduction of {value} in {first}–{last}",
    ),
    "cut_on_path": (
        "按进度应降低{expected}（{year}年累计目标{target}）",
        "the pace calls for {expected} (target {target} by {year})",
    ),
    "cut_met": (
        "已完成{year}年累计降低{target}的目标",
        "the {year} target of {target} cumulative reduction is met",
    ),
    "cut_pace": ("余下{years}年需年均降低{pace}", "the remaining {years} years need {pace} a year"),
    "stale": ("（最新数据为{year}年）", " (latest data: {year})"),
    # targets in words (words.py)
    "target_words": ("目标为“{text}”", 'the target reads "{text}"'),
    "own_mean": ("{first}—{last}年年均增长{rate}", "average growth of {rate} in {first}–{last}"),
    "own_one": ("{year}年增长{rate}", "growth of {rate} in {year}"),
    "vs_mean": (
        "{relation}同期{name}年均增长{rate}",
        "{relation} the average growth of {rate} of {name} over the same years",
    ),
    "vs_one": ("{relation}同期{name}增长{rate}", "{relation} the growth of {rate} of {name}"),
    "vs_level": ("{relation}{name}{value}", "{relation} {name} at {value}"),
    "vs_period": ("{relation}{name}{value}", "{relation} {name} at {value}"),
    "pair": ("{year}年{own}对{other}", "{own} against {other} in {year}"),
    "not_each": ("其中{years}年未{relation}", "not {relation} in {years}"),
    "crossed_each": ("其中{years}年{relation}", "{relation} in {years}"),
    "step_gap": (
        "相差{gap}（基本同步的幅度为±{band}）",
        "a difference of {gap} (in step within ±{band})",
    ),
    "year_pair": (
        "{year}年{own}，年度目标{goal}，{met}",
        "{own} in {year} against a target of {goal}, {met}",
    ),
    "year_mean": (
        "{first}—{last}年年均增长{own}，同期年度目标年均{goal}",
        "average growth of {own} in {first}–{last} against targets averaging {goal}",
    ),
    "year_mean_level": (
        "{first}—{last}年平均为{own}，同期年度目标平均为{goal}",
        "an average of {own} in {first}–{last} against targets averaging {goal}",
    ),
    "range_in": ("{year}年为{value}，在{range}内", "{value} in {year}, within {range}"),
    "range_out": ("{year}年为{value}，超出{range}", "{value} in {year}, outside {range}"),
    "range_all": (
        "{first}—{last}年各年均在合理区间内",
        "within the range every year {first}–{last}",
    ),
    "range_years_out": ("{years}年曾超出合理区间", "outside the range in {years}"),
    "lacks_reference": (
        "缺少{name}{years}年的数据，待报送后评估",
        "no figure of {name} for {years} yet; assessed once it is reported",
    ),
    "lacks_outside": (
        "缺少{name}{years}的数值，待录入后评估",
        "the figure of {name} for {years} is not recorded yet; assessed once it is",
    ),
    "lacks_annual": (
        "缺少{years}年的年度目标，待录入后评估",
        "no annual target recorded for {years}; assessed once it is",
    ),
    "lacks_range": (
        "尚未录入{years}年合理区间的上下限，待录入后评估",
        "the bounds of the range for {years} are not recorded yet; assessed once they are",
    ),
    "unmatched": ("{years}年{what}，未作比较", "{years} not compared: {what_en}"),
}

WORDS: dict[str, tuple[str, str]] = {
    "linear": ("线性", "linear"),
    "geometric": ("几何", "geometric"),
    "up": ("提高", "up"),
    "down": ("降低", "down"),
    "rose": ("上升", "rose"),
    "fell": ("下降", "fell"),
    "above": ("高于", "above"),
    "below": ("低于", "below"),
    "slightly_below": ("略低于", "slightly below"),
    "level_with": ("持平于", "level with"),
    "points": ("个百分点", " percentage points"),
    "grew": ("增长", "growth of "),
    "moved_up": ("前移", "up"),
    "moved_down": ("后退", "down"),
    "ceiling_what": ("控制在{target}以内", "within the ceiling of {target}"),
    "floor_what": ("不低于{target}", "at or above the floor of {target}"),
    "hold_what": ("不低于基期水平{target}", "at or above the baseline of {target}"),
    "ceiling_over": ("超出{target}的上限", "above the ceiling of {target}"),
    "floor_under": ("低于{target}的下限", "below the floor of {target}"),
    "hold_under": ("低于基期水平{target}", "below the baseline of {target}"),
    "within": ("以内", "within"),
    "above_floor": ("以上", "at or above"),
    "growth": ("增速", "growth"),
    "cut": ("降幅", "reduction"),
    "not_below": ("不低于", "not below"),
    "met": ("达到", "met"),
    "missed": ("未达到", "missed"),
    "no_reference_figure": ("缺少比较数据", "no figure to compare with"),
    "no_annual_target": ("无年度目标", "no annual target"),
    "no_range": ("无合理区间", "no range recorded"),
    "range_of": ("合理区间（{low}—{high}）", "the range {low}–{high}"),
    "range_min": ("合理区间下限{low}", "the floor of the range, {low}"),
    "range_max": ("合理区间上限{high}", "the ceiling of the range, {high}"),
}

#: Statuses that speak well of progress, and those that do not: a sentence joining one of them
#: with an outlook of the other kind joins them with "但".
GOOD_PROGRESS = frozenset({"achieved", "bound_kept", "ahead", "on_track", "roughly_on_track"})
BAD_PROGRESS = frozenset({"lagging", "seriously_lagging", "regressing"})


def explain(
    item: MeasurableItem,
    judgement: Judgement,
    status: str,
    outlook: str | None,
    year: int,
    language: str = "zh-hans",
) -> str:
    """The one-sentence explanation of ``judgement`` for ``item``: progress, then outlook."""
    lang = int(is_english(language))
    say = _SAYERS[lang](item.unit)
    label = BY_CODE[status].label_en.lower() if lang else BY_CODE[status].label_zh
    parts = [p for p in _WRITERS[item.rule](item, judgement, status, say, label) if p]
    clause = _outlook_clause(item, judgement, status, outlook, say)
    comma, but = ("; ", "; but ") if lang else ("，", "，但")
    sentence = comma.join(parts)
    if clause:
        contrary = (status in GOOD_PROGRESS and outlook != "likely") or (
            status in BAD_PROGRESS and outlook == "likely"
        )
        sentence += (but if contrary else comma) + clause
    latest = judgement.latest
    if latest and latest[0] < year:
        sentence += say.stale(year=latest[0])
    if lang:
        return sentence[0].upper() + sentence[1:] + "."
    return sentence + "。"


def _phrase_function(template: str, fields: tuple[str, ...]) -> Callable[..., str]:
    """``template.format(**fields)`` as a function whose body is an f-string: the same text for
    the same fields, at a third of the cost of ``str.format`` with keywords (a province writes
    ~10⁶ phrases). The parameters are the fields of both languages, keyword-only, so a caller
    fills zh and en alike and a misspelt field is a TypeError."""
    pieces = []
    for literal, field, spec, conversion in Formatter().parse(template):
        if literal:
            pieces.append(repr(literal))
        if field is not None:
            if not field.isidentifier():
                raise ValueError(f"phrase field {field!r} is not a plain name: {template!r}")
            spec = (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            pieces.append(f"f'{{{field}{spec}}}'")
    signature = f"*, {', '.join(fields)}" if fields else ""
    namespace: dict[str, Callable[..., str]] = {}
    exec(f"def phrase({signature}):\n    return {' '.join(pieces) or repr('')}", namespace)
    return namespace["phrase"]


def _fields(*templates: str) -> tuple[str, ...]:
    names = {field for t in templates for _, field, _, _ in Formatter().parse(t) if field}
    return tuple(sorted(names))


class _Sayer:
    """Fills phrases and formats figures in one language: ``say.value_in(year=…, value=…)``.

    One subclass per language (:data:`_SAYERS`) carries every phrase of :data:`PHRASES` as a
    function of its fields, built once at import; an instance only adds the item's unit.
    """

    __slots__ = ("unit",)
    lang: int = 0
    comma: str = "，"
    words: ClassVar[dict[str, str]] = {}

    def __init__(self, unit: str | None) -> None:
        self.unit = unit

    def phrase(self, key: str) -> Callable[..., str]:
        """The phrase ``key`` where the key is computed (an outlook code, a bound's rule)."""
        return getattr(self, key)

    def word(self, key: str) -> str:
        return self.words[key]

    def joined(self, key: str, figure: str) -> str:
        """A verb and its figure: "增长12.1%" / "growth of 12.1%", "提高0.5" / "up 0.5"."""
        word = self.words[key]
        return word + figure if not self.lang or word.endswith(" ") else f"{word} {figure}"

    def value(self, value: float, unit: str | None = "item") -> str:
        unit = self.unit if unit == "item" else unit
        text = number(value)
        if not unit:
            return text
        if unit == "%" or self.lang == 0:
            return text + unit
        return f"{text} {unit}"

    def change(self, value: float) -> str:
        """A difference of two values: percentage points for a % item."""
        if self.unit == "%":
            return number(value) + self.word("points")
        return self.value(value)

    def share(self, value: float | None) -> str:
        return "—" if value is None else f"{number(value * 100, 1)}%"

    def rate(self, value: float) -> str:
        """A growth or reduction rate: always one decimal, as statistical bulletins print them."""
        text = f"{value:.1f}"
        return ("0.0" if text == "-0.0" else text) + "%"


def number(value: float, digits: int = 2) -> str:
    """Up to ``digits`` decimals, trailing zeros dropped: 5.50 → 5.5, 570.0 → 570."""
    text = ("%.*f" % (digits, value)).rstrip("0").rstrip(".")  # noqa: UP031 - quicker, same text
    return "0" if text in ("-0", "") else text


#: Per language (0 Chinese, 1 English) the sayer class with its phrases bound once.
_SAYERS: tuple[type[_Sayer], type[_Sayer]] = tuple(
    type(
        f"_Sayer{('Zh', 'En')[lang]}",
        (_Sayer,),
        {
            "__slots__": (),
            "lang": lang,
            "comma": (("，", ", ")[lang]),
            "words": {key: pair[lang] for key, pair in WORDS.items()},
            **{
                key: staticmethod(_phrase_function(pair[lang], _fields(*pair)))
                for key, pair in PHRASES.items()
            },
        },
    )
    for lang in (0, 1)
)


# --- one writer per family of rules ---------------------------------------------------------


def _write_level(item, j: Judgement, status, say: _Sayer, label) -> list[str]:
    if status == "no_data":
        return _no_data(item, j, say)
    if status == "needs_target":
        if item.multiple is not None:
            return [_latest(j, say), say.needs_base(multiple=number(item.multiple))]
        return [_latest(j, say), say.no_start()]
    parts = [_latest(j, say)]
    if status == "achieved":
        return [*parts, _met(j, item, say), label]
    if status == "regressing":
        moved = say.word("fell" if j.latest[1] < j.start[1] else "rose")
        parts.append(
            say.moved_away(
                year=j.start[0],
                start=say.value(j.start[1]),
                moved=moved,
                target=say.value(j.target_value),
            )
        )
    else:
        if j.start_source == "earliest":  # no baseline: say where the path starts
            parts.append(say.from_earliest(year=j.start[0], value=say.value(j.start[1])))
        parts.append(
            say.on_path(
                path=say.word(j.path),
                year=j.latest[0],
                expected=say.value(j.expected_value),
                done=say.share(j.completion_share),
                time=say.share(j.time_share),
            )
        )
    return [*parts, label, _pace(item, j, say)]


def _write_cumulative(item, j: Judgement, status, say: _Sayer, label) -> list[str]:
    if status == "no_data" or j.start is None:
        return _no_data(item, j, say)
    change = j.latest[1] - j.start[1]
    goal = j.target_value - j.start[1]
    verb = say.word("up" if goal >= 0 else "down")
    if item.increment:
        parts = [say.since(year=j.latest[0], value=say.value(j.latest[1]))]
    else:
        moved = say.word("up" if change >= 0 else "down")
        changed = say.changed(year=j.start[0], verb=moved, change=say.change(abs(change)))
        parts = [_latest(j, say), changed]
    if status == "achieved":
        target = say.change(abs(goal))
        if item.increment:
            return [*parts, say.added_met(target=target, year=item.target_year), label]
        return [*parts, say.change_met(verb=verb, target=target, year=item.target_year), label]
    expected = say.change(abs(j.expected_value))
    done, time = say.share(j.completion_share), say.share(j.time_share)
    if item.increment:
        target = say.change(abs(goal))
        path = say.added_on_path(
            expected=expected, target=target, target_year=item.target_year, done=done, time=time
        )
    else:
        path = say.change_on_path(
            verb=verb,
            expected=expected,
            target=number(goal),
            target_year=item.target_year,
            done=done,
            time=time,
        )
    parts.append(path)
    return [*parts, label, _pace(item, j, say)]


def _write_bound(item, j: Judgement, status, say: _Sayer, label) -> list[str]:
    if status == "no_data":
        return _no_data(item, j, say)
    if j.path is not None:  # not kept at the start either: judged on the path towards it
        return _write_level(item, j, status, say, label)
    target = say.value(j.target_value)
    rule = item.rule
    if status == "bound_kept":
        what = say.word(f"{rule}_what").format(target=target)
        return [_latest(j, say), say.kept(what=what, year=item.target_year)]
    ceiling = rule == "ceiling" or (rule == "hold" and item.direction == "decrease")
    over = say.word("ceiling_over" if ceiling else f"{rule}_under").format(target=target)
    side = say.word("within" if ceiling else "above_floor")
    by = say.change(abs(j.latest[1] - j.target_value))
    sep = "" if ceiling else "，相差"
    broken = say.broken_by(what=over, sep=sep, by=by, target=target, side=side, side_en=side)
    return [_latest(j, say), broken, label]


def _write_rank(item, j: Judgement, status, say: _Sayer, label) -> list[str]:
    if status == "no_data":
        return _no_data(item, j, say)
    target = number(j.target_value)
    parts = [say.rank_in(year=j.latest[0], value=number(j.latest[1]))]
    if j.start is not None and j.start[0] < j.latest[0]:
        moves = j.start[1] - j.latest[1]
        if moves:
            verb = say.word("moved_up" if moves > 0 else "moved_down")
            parts.append(
                say.rank_moved(
                    year=j.start[0],
                    start=number(j.start[1]),
                    verb=verb,
                    moves=number(abs(moves)),
                )
            )
        else:
            parts.append(say.rank_held(year=j.start[0]))
    if status == "achieved":
        return [*parts, say.rank_met(target=target), label]
    if status == "needs_target":
        return [*parts, say.no_start()]
    if status != "regressing":
        parts.append(
            say.rank_on_path(
                target=target,
                gap=number(j.latest[1] - j.target_value),
                year=j.latest[0],
                expected=number(j.expected_value),
                done=say.share(j.completion_share),
                time=say.share(j.time_share),
            )
        )
    pace = None
    if j.required_pace is not None:
        years = item.target_year - j.latest[0]
        pace = say.rank_pace(years=years, pace=number(j.required_pace))
        if j.observed_pace is not None and j.observed_pace > 0:
            moved = number(j.observed_pace)
            shown = f"前移{moved}位" if not say.lang else f"{moved} places up"
            pace += say.realised(pace=shown)
    return [*parts, label, pace]


def _write_growth(item, j: Judgement, status, say: _Sayer, label) -> list[str]:
    if status == "no_data":
        return _no_data(item, j, say)
    if status == "needs_target":
        return [_latest(j, say), say.no_start()]
    first = j.first_year
    if item.rates and j.years_reported == 1:
        grew = say.grew_one(year=j.latest[0], rate=say.rate(j.latest[1]))
    else:
        grew = say.grew_mean(first=first, last=j.latest[0], rate=say.rate(j.judged_value))
    parts = [grew] if item.rates else [_latest(j, say), grew]
    if j.missing_years and item.rates:
        parts.append(_missing_rates(j, say, "growth"))
        if j.years_reported == 1 and j.latest[0] > first:
            parts.append(
                say.grew_mean(first=first, last=j.latest[0], rate=say.rate(j.judged_value))
            )
    target = say.rate(j.expected_value)
    if status == "achieved":
        return [
            *parts,
            say.growth_met(target=target, first=item.base_year + 1, year=item.target_year),
            label,
        ]
    difference = j.judged_value - j.expected_value
    relation = "above" if difference > 0.05 else "level_with" if difference > -0.05 else "below"
    parts.append(say.growth_vs(relation=say.word(relation), target=target))
    return [*parts, label, _pace(item, j, say)]


def _write_reduction(item, j: Judgement, status, say: _Sayer, label) -> list[str]:
    if status == "no_data":
        return _no_data(item, j, say)
    parts = [say.cut_mean(first=j.first_year, last=j.latest[0], value=say.rate(j.judged_value))]
    if j.missing_years:
        parts.append(_missing_rates(j, say, "cut"))
    target = say.rate(j.target_value)
    if status == "achieved":
        return [*parts, say.cut_met(target=target, year=item.target_year), label]
    parts.append(
        say.cut_on_path(expected=say.rate(j.expected_value), target=target, year=item.target_year)
    )
    pace = None
    if j.required_pace is not None:
        years = item.target_year - j.latest[0]
        pace = say.cut_pace(years=years, pace=say.rate(j.required_pace))
        if j.observed_pace is not None:
            pace += say.realised(pace=say.joined("down", say.rate(j.observed_pace)))
    return [*parts, label, pace]


def _write_trend(item, j: Judgement, status, say: _Sayer, label) -> list[str]:
    if item.reduces and status != "no_data":
        cut = say.cut_mean(first=j.first_year, last=j.latest[0], value=say.rate(j.judged_value))
        return [cut, say.no_target(), label]
    if status == "no_data":
        if j.latest is not None:
            return [_latest(j, say), say.no_trend()]
        return _no_data(item, j, say)
    change = j.latest[1] - j.start[1]
    verb = say.word("up" if change >= 0 else "down")
    changed = say.changed(year=j.start[0], verb=verb, change=say.change(abs(change)))
    return [_latest(j, say), changed, say.no_target(), label]


def _write_needs_target(item, j: Judgement, status, say: _Sayer, label) -> list[str]:
    text = (item.target_text or "").strip() or "—"
    return [say.needs_number(text=text), _latest(j, say) if j.latest else None]


def _years(years) -> str:
    return "、".join(str(y) for y in years)


def _name(name: str | None) -> str:
    """``地区生产总值（GDP）增长`` → ``地区生产总值``: the sentence says 增长 itself."""
    text = re.sub(r"[（(][^（）()]*[)）]", "", name or "")
    return re.sub(r"(?:的)?(?:增长速度|增长率|增速|增长|增幅)$", "", text) or (name or "")


def _write_compared(item, j: Judgement, status, say: _Sayer, label) -> list[str]:
    """Relative and reference targets: own figure, the figure compared with, each year."""
    word = item.word
    words = say.target_words(text=item.target_text or word.text)
    if status == "no_data":
        return [words, *_no_data(item, j, say)]
    outside = item.rule == "reference"
    name = word.reference_name if outside else _name(item.compared_name or word.reference_name)
    if status == "needs_target":
        years = _years(j.unmatched or [])
        if outside:
            lacks = say.lacks_outside(name=name, years=f"{years}年" if years else "")
        else:
            lacks = say.lacks_reference(name=name, years=years)
        return [words, _latest(j, say), lacks]
    growth = j.pairs and (item.rates or item.compared_rates or _compares_growth(item))
    show = say.rate if growth else say.value
    difference = j.judged_value - j.expected_value
    relation = "above" if difference > 0.05 else "level_with" if difference > -0.05 else "below"
    relation = say.word(relation)
    one = len(j.pairs) == 1
    first, last = j.pairs[0][0], j.pairs[-1][0]
    if growth:
        own = (
            say.own_one(year=first, rate=show(j.judged_value))
            if one
            else say.own_mean(first=first, last=last, rate=show(j.judged_value))
        )
        vs = (say.vs_one if one else say.vs_mean)(
            relation=relation, name=name, rate=show(j.expected_value)
        )
    else:
        own = (
            _latest(j, say)
            if one
            else say.value_in(year=f"{first}—{last}", value=show(j.judged_value))
        )
        vs = say.vs_level(relation=relation, name=name, value=show(j.expected_value))
    parts = [own, vs]
    if not one:
        sep, wrap = (", ", " ({})") if say.lang else ("、", "（{}）")
        pairs = sep.join(say.pair(year=y, own=show(a), other=show(b)) for y, a, b in j.pairs)
        parts[-1] += wrap.format(pairs)
    if word.relation == "in_step":
        unit = say.word("points") if growth or item.unit == "%" else ""
        parts.append(
            say.step_gap(gap=f"{number(abs(difference))}{unit}", band=f"{number(j.band)}{unit}")
        )
    elif word.relation in ("above", "not_below", "below", "not_above"):
        strict = word.relation in ("above", "below")
        sign = -1 if word.relation in ("below", "not_above") else 1
        kept = [
            (sign * (a - b) > 1e-9) if strict else (sign * (a - b) >= -1e-9) for _, a, b in j.pairs
        ]
        failed = [p[0] for p, ok in zip(j.pairs, kept, strict=True) if not ok]
        if failed and not one:
            if strict:
                parts.append(say.not_each(years=_years(failed), relation=say.word(word.relation)))
            else:  # 不低于 not kept is 低于 (不高于: 高于), said as such
                crossed = say.word("below" if word.relation == "not_below" else "above")
                parts.append(say.crossed_each(years=_years(failed), relation=crossed))
    if j.unmatched:
        parts.append(
            say.unmatched(
                years=_years(j.unmatched),
                what=WORDS["no_reference_figure"][0],
                what_en=WORDS["no_reference_figure"][1],
            )
        )
    return [words, *parts, label]


def _compares_growth(item) -> bool:
    from planwatch.assess.words import compares_growth

    return compares_growth(item)


def _write_year_set(item, j: Judgement, status, say: _Sayer, label) -> list[str]:
    words = say.target_words(text=item.target_text or item.word.text)
    if status == "no_data":
        return [words, *_no_data(item, j, say)]
    if status == "needs_target":
        return [words, _latest(j, say), say.lacks_annual(years=_years(j.unmatched or []))]
    show = say.rate if item.rates else say.value
    years = [
        say.year_pair(year=y, own=show(a), goal=show(b), met=say.word("met" if ok else "missed"))
        for (y, a, b), ok in zip(j.pairs, j.met, strict=True)
    ]
    parts = [("；" if not say.lang else "; ").join(years)]
    if len(j.pairs) > 1:
        first, last = j.pairs[0][0], j.pairs[-1][0]
        key = say.year_mean if item.rates else say.year_mean_level
        parts.append(
            key(first=first, last=last, own=show(j.judged_value), goal=show(j.expected_value))
        )
    if j.unmatched:
        parts.append(
            say.unmatched(
                years=_years(j.unmatched),
                what=WORDS["no_annual_target"][0],
                what_en=WORDS["no_annual_target"][1],
            )
        )
    return [words, *parts, label]


def _write_range(item, j: Judgement, status, say: _Sayer, label) -> list[str]:
    words = say.target_words(text=item.target_text or item.word.text)
    if status == "no_data":
        return [words, *_no_data(item, j, say)]
    if status == "needs_target":
        return [words, _latest(j, say), say.lacks_range(years=_years(j.unmatched or []))]
    y, v, low, high, inside = j.ranges[-1]
    if low is not None and high is not None:
        span = say.word("range_of").format(low=say.value(low), high=say.value(high))
    elif low is not None:
        span = say.word("range_min").format(low=say.value(low))
    else:
        span = say.word("range_max").format(high=say.value(high))
    key = say.range_in if inside else say.range_out
    parts = [key(year=y, value=say.value(v), range=span)]
    outside = [r[0] for r in j.ranges[:-1] if not r[4]]
    if outside:
        parts.append(say.range_years_out(years=_years(outside)))
    elif len(j.ranges) > 1 and inside:
        parts.append(say.range_all(first=j.ranges[0][0], last=y))
    if j.unmatched:
        parts.append(
            say.unmatched(
                years=_years(j.unmatched), what=WORDS["no_range"][0], what_en=WORDS["no_range"][1]
            )
        )
    return [words, *parts, label]


_WRITERS = {
    "relative": _write_compared,
    "reference": _write_compared,
    "year_set": _write_year_set,
    "range": _write_range,
    "level": _write_level,
    "cumulative": _write_cumulative,
    "ceiling": _write_bound,
    "floor": _write_bound,
    "hold": _write_bound,
    "growth": _write_growth,
    "reduction": _write_reduction,
    "trend": _write_trend,
    "needs_target": _write_needs_target,
    "rank": _write_rank,
}


def _latest(j: Judgement, say: _Sayer) -> str:
    return say.value_in(year=j.latest[0], value=say.value(j.latest[1]))


def _no_data(item, j: Judgement, say: _Sayer) -> list[str]:
    if j.latest is None:
        return [say.no_data(first=item.base_year + 1)]
    return [_latest(j, say), say.no_start()]


def _met(j: Judgement, item, say: _Sayer) -> str:
    exact = abs(j.latest[1] - j.target_value) <= 1e-9 * max(1.0, abs(j.target_value))
    key = "reached" if exact else "exceeded"
    return say.phrase(key)(year=item.target_year, target=say.value(j.target_value))


def _missing_rates(j: Judgement, say: _Sayer, what: str) -> str:
    years = "、".join(str(y) for y in j.missing_years)
    return say.missing_rates(years=years, what=WORDS[what][0], what_en=WORDS[what][1])


def _pace(item, j: Judgement, say: _Sayer) -> str | None:
    if j.required_pace is None or j.latest is None:
        return None
    remaining = item.target_year - j.latest[0]
    if j.pace_unit == "%":
        pace = say.pace_growth(years=remaining, pace=say.rate(j.required_pace))
        if j.observed_pace is not None:
            pace += say.realised(pace=say.joined("grew", say.rate(j.observed_pace)))
        return pace
    verb = say.word("up" if j.required_pace >= 0 else "down")
    pace = say.pace_change(years=remaining, verb=verb, pace=say.change(abs(j.required_pace)))
    if j.observed_pace is not None:
        moved = "up" if j.observed_pace >= 0 else "down"
        pace += say.realised(pace=say.joined(moved, say.change(abs(j.observed_pace))))
    return pace


def _outlook_clause(item, j: Judgement, status, outlook, say: _Sayer) -> str | None:
    """What the projection says and the outlook; None where the status already says it all."""
    if outlook is None or (outlook == "likely" and status in ("achieved", "bound_kept")):
        return None
    if item.rule in ("ceiling", "floor", "hold") and j.path is None:
        key = {"likely": "likely", "at_risk": "bound_at_risk", "unlikely": "bound_unlikely"}
        if status != "bound_kept":
            key["at_risk"] = "bound_back_risk"
        verdict = say.phrase(key[outlook])()
    else:
        verdict = say.phrase(outlook)()
    basis = _projection_phrase(item, j, say)
    return f"{basis}{say.comma}{verdict}" if basis else verdict


def _projection_phrase(item, j: Judgement, say: _Sayer) -> str | None:
    p = j.projection
    if p is None:
        return None
    if p.method == "average_rate":
        first = item.base_year + 1
        if item.reduces:
            return say.carried_cut(first=first, year=p.year, value=say.rate(p.value))
        if item.rates:
            return say.carried_growth(first=first, year=p.year, value=say.rate(p.value))
        return say.carried_level(year=p.year, value=say.value(p.value))
    first, last = p.since, j.latest[0]
    value = number(p.value) if item.rule == "rank" else say.value(p.value)
    if item.rule == "rank":
        value = f"第{value}位" if not say.lang else f"position {value}"
    phrase = say.fit(first=first, last=last, n=p.points, year=p.year, value=value)
    if j.missing_years:
        years = "、".join(str(y) for y in j.missing_years)
        phrase = say.missing_levels(years=years) + say.comma + phrase
    return phrase
