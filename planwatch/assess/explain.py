"""One sentence per item, with the figures, as an evaluator would write it.

"2022年为6.24%，已超过2025年目标5.5%，提前完成。" Chinese is the default; English sits beside it
in the same table of phrases so that the two never drift apart.
"""

from __future__ import annotations

from planwatch.assess.items import MeasurableItem
from planwatch.assess.methods import Judgement
from planwatch.assess.status import BY_CODE

#: phrase key → (zh-Hans, en). Fields in braces are filled by the functions below.
PHRASES: dict[str, tuple[str, str]] = {
    "value_in": ("{year}年为{value}", "{value} in {year}"),
    "since": ("截至{year}年累计新增{value}", "{value} added by {year}"),
    "no_data": ("尚无{first}年以来的数据", "no data reported since {first}"),
    "no_start": ("缺少基期值，无法判断进度", "no baseline, so progress cannot be judged"),
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
    "ceiling_kept": (
        "控制在{target}以内，目前达标，须保持至{year}年",
        "within the ceiling of {target}, which must keep holding until {year}",
    ),
    "floor_kept": (
        "不低于{target}，目前达标，须保持至{year}年",
        "above the floor of {target}, which must keep holding until {year}",
    ),
    "hold_kept": (
        "不低于基期水平{target}，目前达标，须保持至{year}年",
        "at or above the baseline of {target}, which must keep holding until {year}",
    ),
    "ceiling_broken": ("超出{target}的上限", "above the ceiling of {target}"),
    "floor_broken": ("低于{target}的下限", "below the floor of {target}"),
    "hold_broken": ("低于基期水平{target}", "below the baseline of {target}"),
    "risk": (
        "但按当前趋势{year}年预计为{value}，存在不达标风险",
        "but the trend points to {value} in {year}",
    ),
    "outlook_yes": (
        "按当前趋势{what}预计为{value}，可以如期完成",
        "at the current pace {what} is expected to be {value}, meeting the target",
    ),
    "outlook_no": (
        "按当前趋势{what}预计为{value}，难以如期完成",
        "at the current pace {what} is expected to be {value}, short of the target",
    ),
    "what_level": ("{year}年", "the {year} value"),
    "what_growth": ("{first}—{year}年年均增长", "average growth in {first}–{year}"),
    "what_cut": ("{first}—{year}年累计降低", "the cumulative reduction in {first}–{year}"),
    "stale": ("（最新数据为{year}年）", " (latest data: {year})"),
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
}


def explain(
    item: MeasurableItem, judgement: Judgement, status: str, year: int, language: str = "zh-hans"
) -> str:
    """The one-sentence explanation of ``judgement`` for ``item``."""
    lang = 0 if language == "zh-hans" else int(language.lower().startswith("en"))
    say = _Sayer(lang, item.unit)
    label = BY_CODE[status].label_en.lower() if lang else BY_CODE[status].label_zh
    parts = _WRITERS[item.rule](item, judgement, status, say, label)
    latest = judgement.latest
    if lang == 0:
        sentence = "，".join([p for p in parts if p])
        if latest and latest[0] < year:
            sentence += say("stale", year=latest[0])
        return sentence + "。"
    sentence = "; ".join([p for p in parts if p])
    if latest and latest[0] < year:
        sentence += say("stale", year=latest[0])
    return sentence[0].upper() + sentence[1:] + "."


class _Sayer:
    """Fills phrases and formats figures in one language."""

    __slots__ = ("lang", "unit")

    def __init__(self, lang: int, unit: str | None) -> None:
        self.lang, self.unit = lang, unit

    def __call__(self, key: str, **fields) -> str:
        return PHRASES[key][self.lang].format(**fields)

    def word(self, key: str) -> str:
        return WORDS[key][self.lang]

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
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# --- one writer per family of rules ---------------------------------------------------------


def _write_level(item, j: Judgement, status, say: _Sayer, label) -> list[str]:
    if status == "no_data":
        return _no_data(item, j, say)
    if status == "needs_target":
        return [_latest(j, say), say("needs_base", multiple=number(item.multiple or 0))]
    parts = [_latest(j, say)]
    if status == "achieved":
        return [*parts, _met(j, item, say), label]
    if j.start is None:
        return [*parts, say("no_start")]
    if status == "regressing":
        moved = say.word("fell" if j.latest[1] < j.start[1] else "rose")
        parts.append(
            say(
                "moved_away",
                year=j.start[0],
                start=say.value(j.start[1]),
                moved=moved,
                target=say.value(j.target_value),
            )
        )
    else:
        if j.start_source == "earliest":  # no baseline: say where the path starts
            parts.append(say("from_earliest", year=j.start[0], value=say.value(j.start[1])))
        parts.append(
            say(
                "on_path",
                path=say.word(j.path),
                year=j.latest[0],
                expected=say.value(j.expected_value),
                done=say.share(j.completion_share),
                time=say.share(j.time_share),
            )
        )
    return [*parts, label, _pace(item, j, say), _outlook(item, j, say, say.value)]


def _write_cumulative(item, j: Judgement, status, say: _Sayer, label) -> list[str]:
    if status == "no_data":
        return _no_data(item, j, say)
    change = j.latest[1] - j.start[1]
    goal = j.target_value - j.start[1]
    verb = say.word("up" if goal >= 0 else "down")
    if item.increment:
        parts = [say("since", year=j.latest[0], value=say.value(j.latest[1]))]
    else:
        moved = say.word("up" if change >= 0 else "down")
        changed = say("changed", year=j.start[0], verb=moved, change=say.change(abs(change)))
        parts = [_latest(j, say), changed]
    if status == "achieved":
        key = "added_met" if item.increment else "change_met"
        return [
            *parts,
            say(key, verb=verb, target=say.change(abs(goal)), year=item.target_year),
            label,
        ]
    parts.append(
        say(
            "added_on_path" if item.increment else "change_on_path",
            verb=verb,
            expected=say.change(abs(j.expected_value)),
            target=say.change(abs(goal)) if item.increment else number(goal),
            target_year=item.target_year,
            done=say.share(j.completion_share),
            time=say.share(j.time_share),
        )
    )
    return [*parts, label, _pace(item, j, say), _outlook(item, j, say, say.value)]


def _write_bound(item, j: Judgement, status, say: _Sayer, label) -> list[str]:
    if status == "no_data":
        return _no_data(item, j, say)
    if j.path is not None:  # not kept at the start either: judged on the path towards it
        return _write_level(item, j, status, say, label)
    bound = {"ceiling": "ceiling", "floor": "floor", "hold": "hold"}[item.rule]
    target = say.value(j.target_value)
    if status == "achieved":
        parts = [_latest(j, say), say(f"{bound}_kept", target=target, year=item.target_year)]
        p = j.projection
        if p is not None and p.will_meet is False:
            parts.append(say("risk", year=p.year, value=say.value(p.value)))
        return parts
    return [_latest(j, say), say(f"{bound}_broken", target=target), label, _pace(item, j, say)]


def _write_growth(item, j: Judgement, status, say: _Sayer, label) -> list[str]:
    if status == "no_data":
        return _no_data(item, j, say)
    first = j.first_year if item.rates else j.start[0] + 1
    if item.rates and j.years_reported == 1:
        grew = say("grew_one", year=j.latest[0], rate=say.rate(j.judged_value))
    else:
        grew = say("grew_mean", first=first, last=j.latest[0], rate=say.rate(j.judged_value))
    parts = [grew] if item.rates else [_latest(j, say), grew]
    target = say.rate(j.expected_value)
    if status == "achieved":
        return [
            *parts,
            say("growth_met", target=target, first=item.base_year + 1, year=item.target_year),
            label,
        ]
    difference = j.judged_value - j.expected_value
    relation = "above" if difference > 0.05 else "level_with" if difference > -0.05 else "below"
    if relation == "below" and status == "on_track":
        relation = "slightly_below"
    parts.append(say("growth_vs", relation=say.word(relation), target=target))
    if item.rates:
        return [*parts, label, _pace(item, j, say), _outlook(item, j, say, say.rate, "what_growth")]
    return [*parts, label, _pace(item, j, say), _outlook(item, j, say, say.value)]


def _write_reduction(item, j: Judgement, status, say: _Sayer, label) -> list[str]:
    if status == "no_data":
        return _no_data(item, j, say)
    parts = [say("cut_mean", first=j.first_year, last=j.latest[0], value=say.rate(j.judged_value))]
    target = say.rate(j.target_value)
    if status == "achieved":
        return [*parts, say("cut_met", target=target, year=item.target_year), label]
    parts.append(
        say(
            "cut_on_path", expected=say.rate(j.expected_value), target=target, year=item.target_year
        )
    )
    pace = None
    if j.required_pace is not None:
        years = item.target_year - j.latest[0]
        pace = say("cut_pace", years=years, pace=say.rate(j.required_pace))
    return [*parts, label, pace, _outlook(item, j, say, say.rate, "what_cut")]


def _write_trend(item, j: Judgement, status, say: _Sayer, label) -> list[str]:
    if item.reduces and status != "no_data":
        cut = say("cut_mean", first=j.first_year, last=j.latest[0], value=say.rate(j.judged_value))
        return [cut, say("no_target"), label]
    if status == "no_data":
        if j.latest is not None:
            return [_latest(j, say), say("no_trend")]
        return _no_data(item, j, say)
    change = j.latest[1] - j.start[1]
    verb = say.word("up" if change >= 0 else "down")
    changed = say("changed", year=j.start[0], verb=verb, change=say.change(abs(change)))
    return [_latest(j, say), changed, say("no_target"), label]


def _write_needs_target(item, j: Judgement, status, say: _Sayer, label) -> list[str]:
    text = (item.target_text or "").strip() or "—"
    return [say("needs_number", text=text), _latest(j, say) if j.latest else None]


_WRITERS = {
    "level": _write_level,
    "cumulative": _write_cumulative,
    "ceiling": _write_bound,
    "floor": _write_bound,
    "hold": _write_bound,
    "growth": _write_growth,
    "reduction": _write_reduction,
    "trend": _write_trend,
    "needs_target": _write_needs_target,
}


def _latest(j: Judgement, say: _Sayer) -> str:
    return say("value_in", year=j.latest[0], value=say.value(j.latest[1]))


def _no_data(item, j: Judgement, say: _Sayer) -> list[str]:
    if j.latest is None:
        return [say("no_data", first=item.base_year + 1)]
    return [_latest(j, say), say("no_start")]


def _met(j: Judgement, item, say: _Sayer) -> str:
    exact = abs(j.latest[1] - j.target_value) <= 1e-9 * max(1.0, abs(j.target_value))
    key = "reached" if exact else "exceeded"
    return say(key, year=item.target_year, target=say.value(j.target_value))


def _pace(item, j: Judgement, say: _Sayer) -> str | None:
    if j.required_pace is None or j.latest is None:
        return None
    remaining = item.target_year - j.latest[0]
    if j.pace_unit == "%":
        return say("pace_growth", years=remaining, pace=say.rate(j.required_pace))
    verb = say.word("up" if j.required_pace >= 0 else "down")
    return say("pace_change", years=remaining, verb=verb, pace=say.change(abs(j.required_pace)))


def _outlook(item, j: Judgement, say: _Sayer, shown, what: str = "what_level") -> str | None:
    p = j.projection
    if p is None or p.will_meet is None:
        return None
    span = say(what, first=item.base_year + 1, year=p.year)
    return say("outlook_yes" if p.will_meet else "outlook_no", what=span, value=shown(p.value))
