"""The one home of the report's wording rules: rounding, verbs, target origins, banned terms.

Each function turns figures the assessment already holds into Chinese prose; none of them
judges anything (grades and outlooks come from the engine). The rules, as docs/reports.md
lists them:

- figures as reported or printed keep their precision (at most two decimals); figures the
  report derives (shares, gaps, paces, conversions) are rounded by unit — shares and rates to
  one decimal, counts and ranks whole, money to two decimals of its unit;
- verbs follow the item's direction: 提高/下降 for rates, 增加/减少 for amounts, 前移/后退 for
  ranks; recommendations say 提升, 降低, 控制 or 保持 as the target requires;
- a converted figure is shown beside the figure as reported (260天，折合优良天数比率71.2%);
- a target names where it comes from (纲要主要指标表 / 纲要正文 / 上级下达 / 后续确定);
- no internal term (path names, item codes, status codes) ever reaches the body text:
  :data:`INTERNAL_TERMS` and :data:`RAW_CODE` are what the tests look for.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from planwatch.assess.model import ItemAssessment
from planwatch.assess.status import OUTLOOKS, STATUSES, status

MISSING = "数据暂缺"
PLACEHOLDER = "【请填写：{}】"

#: Units whose figures are shares or rates (one decimal once derived).
RATE_UNITS = frozenset({"%", "‰", "个百分点"})
#: Units counted in whole numbers.
COUNT_UNITS = frozenset(
    {"家", "个", "项", "人", "名", "位", "户", "所", "座", "天", "次", "件", "辆", "张", "床", "套",
     "处", "条", "台", "万人", "人次"}
)  # fmt: skip
#: Units of money (two decimals of the unit).
MONEY_UNITS = frozenset({"元", "万元", "亿元", "万亿元", "美元", "万美元", "亿美元"})
#: Units of a rank (a smaller number is a better place).
RANK_UNITS = frozenset({"位", "名"})

#: Words of the engine's own vocabulary that a reader should never meet in the body.
INTERNAL_TERMS: tuple[str, ...] = (
    "几何路径", "线性路径", "几何增长路径", "完成目标进度", "geometric", "linear", "trend",
    "needs_target", "no_data", "on_track", "seriously_lagging", "roughly_on_track", "bound_kept",
    "regressing", "lagging", "achieved", "at_risk", "unlikely", "None", "nan",
)  # fmt: skip
#: An item or task code (I5, T12, M171) standing in the text.
RAW_CODE = re.compile(r"(?<![A-Za-z0-9])[IMT][0-9]+(?![A-Za-z0-9])")

_CEILINGS = ("<=", "<")
_FLOORS = (">=", ">")
_CN_DIGITS = "〇一二三四五六七八九"
_BOUND_WORDS = {">=": "以上", ">": "以上", "<=": "以内", "<": "以内", "~": "左右"}


# --- numbers ---------------------------------------------------------------------------------


def number(value: float | None, decimals: int = 4) -> str:
    """``91.24`` → ``91.24``; ``500.0`` → ``500``; never scientific notation."""
    if value is None:
        return MISSING
    text = f"{value:.{decimals}f}"
    if "." in text:  # trailing zeros are decimals only: 50 stays 50
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def decimals_for(unit: str | None, value: float | None = None) -> int:
    """How many decimals a derived figure in ``unit`` is given: rates one, counts none, money
    and the rest two — and a figure that would round to nothing keeps two (0.4人, not 0人)."""
    if unit in RATE_UNITS:
        places = 1
    elif unit in COUNT_UNITS:
        places = 0
    else:
        places = 2
    if value is not None and value != 0 and round(abs(value), places) == 0:
        return 2
    return places


def reported(value: float | None, unit: str | None) -> str:
    """A figure as reported or printed, with its unit: its own precision, two decimals at most
    (whole for counts)."""
    if value is None:
        return MISSING
    return f"{number(value, 2)}{unit or ''}"


def derived(value: float | None, unit: str | None) -> str:
    """A figure the report works out (a gap, a pace, a conversion), rounded by its unit."""
    if value is None:
        return MISSING
    return f"{number(value, decimals_for(unit, value))}{unit or ''}"


#: Kept for callers of the first version: a figure with its unit as reported.
with_unit = reported


def percent(share: float | None) -> str:
    """A share (0.6) as a reading percentage with one decimal (60%)."""
    return MISSING if share is None else f"{number(share * 100, 1)}%"


def is_bound(item: ItemAssessment) -> bool:
    """A ceiling, or a floor equal to the baseline (hold): it is kept, never "completed"."""
    if item.target_comparator in _CEILINGS or item.method == "hold":
        return True
    return item.target_value is not None and item.baseline_value == item.target_value


def is_rank(item: ItemAssessment) -> bool:
    return item.unit in RANK_UNITS or "排名" in item.name or "位次" in item.name


def change(delta: float, unit: str | None, *, rank: bool = False, lower: bool = False) -> str:
    """How much a figure moved, in the verb its kind takes: 提高/下降 x个百分点 for rates
    (上升/下降 where lower is better), 前移/后退 x位 for ranks (a smaller number is a better
    place), 增加/减少 x单位 else."""
    if rank:
        size = number(abs(delta), 0)
        return f"{'后退' if delta > 0 else '前移'}{size}{unit or '位'}"
    up = "上升" if lower else "提高"
    if unit in ("%", "个百分点"):
        return f"{up if delta > 0 else '下降'}{derived(abs(delta), '%')[:-1]}个百分点"
    if unit == "‰":
        return f"{up if delta > 0 else '下降'}{derived(abs(delta), '%')[:-1]}个千分点"
    return f"{'增加' if delta > 0 else '减少'}{derived(abs(delta), unit)}"


def converted(as_reported: str, value: float, unit: str | None, name: str) -> str:
    """``260天，折合优良天数比率71.2%``: the department's figure, then what it was turned into."""
    return f"{as_reported}，折合{name}{derived(value, unit)}"


def year_span(years: Sequence[int]) -> str:
    """``2021—2023年`` for consecutive years, ``2021、2023年`` otherwise."""
    ys = sorted(set(years))
    if not ys:
        return ""
    if len(ys) > 1 and ys == list(range(ys[0], ys[-1] + 1)):
        return f"{ys[0]}—{ys[-1]}年"
    return "、".join(str(y) for y in ys) + "年"


def chinese_ordinal(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一 (headings run well under a hundred)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{_CN_DIGITS[tens] if tens > 1 else ''}十{_CN_DIGITS[ones] if ones else ''}"


def chinese_count(n: int) -> str:
    """Small counts in words where officials write them so (两年, 三年); digits beyond ten."""
    return "两" if n == 2 else (chinese_ordinal(n) if 0 < n <= 10 else str(n))


# --- targets ---------------------------------------------------------------------------------


def target_phrase(item: ItemAssessment, *, unit: bool = True) -> str:
    """The target as an official would cite it: 570亿元以上, 4.5%以内, 93%左右."""
    if item.target_value is None:
        return item.target_text or "——"
    figure = reported(item.target_value, item.unit if unit else None)
    return figure + _BOUND_WORDS.get(item.target_comparator or "", "")


def target_as_printed(item: ItemAssessment, growth: str | None = None) -> str:
    """The 目标值 cell: the target with 以内/以上 and, where the outline prints one, its
    年均增长 or 累计 figure (``年均增长15%``, ``93以上（累计〔1.76〕）``)."""
    base = target_phrase(item, unit=False) if item.target_value is not None else ""
    if growth and item.method == "growth":
        shown = growth  # the rate itself is the target: 年均增长15%, not 15（年均增长15%）
    elif growth:
        shown = f"{base}（{growth}）" if base else growth
    else:
        shown = base or item.target_text or "——"
    # targets in words beside the number (a table note), as printed
    return shown + "".join(f"；“{c.text}”" for c in item.word_checks)


def target_kind(item: ItemAssessment) -> str:
    return "约束性目标" if item.binding else "预期目标"


def target_origin(item: ItemAssessment) -> str:
    """Where the target comes from, truthfully: a later target is 上级下达, a missing number
    后续确定, else the outline's table or its text."""
    if getattr(item, "target_source", None) == "later":
        return "上级下达"
    if item.target_value is None and item.status == "needs_target":
        return "后续确定"
    return "纲要主要指标表" if item.kind == "indicator" else "纲要正文"


# --- grades and outlooks ---------------------------------------------------------------------


def status_label(item: ItemAssessment) -> str:
    """The computed label, with a person's verdict beside it where one was recorded."""
    label = status(item.status).label_zh
    if item.manual is not None:
        return f"{label}（人工研判：{status(item.manual.status).label_zh}）"
    return label


def outlook_label(item: ItemAssessment) -> str:
    """预计能够完成 / 存在不能完成的风险 / 预计难以完成, or —— where no outlook is given."""
    found = OUTLOOKS.get(item.outlook or "")
    return found.label_zh if found else "——"


def latest(item: ItemAssessment) -> tuple[int | None, float | None]:
    """The latest figure, from the assessment or else the last point of its series."""
    if item.latest_value is not None:
        return item.latest_year, item.latest_value
    if item.series:
        year, value = item.series[-1]
        return year, value
    return None, None


def status_counts(items: Sequence[ItemAssessment], *, skip: Sequence[str] = ()) -> str:
    """``提前完成2项、符合预期1项、数据暂缺1项`` in the vocabulary's order; empty for none."""
    counts = {s.code: 0 for s in STATUSES}
    for item in items:
        counts[item.status] = counts.get(item.status, 0) + 1
    return "、".join(
        f"{s.label_zh}{counts[s.code]}项" for s in STATUSES if counts[s.code] and s.code not in skip
    )


def names(items: Sequence[ItemAssessment], limit: int = 6) -> str:
    """``甲、乙、丙`` or ``甲、乙……等9项`` — a list that stays readable however long it gets."""
    shown = "、".join(i.name for i in items[:limit])
    return f"{shown}等{len(items)}项" if len(items) > limit else shown


# --- sentences -------------------------------------------------------------------------------

#: Rules whose figures are yearly rates (or not yet comparable): a change since the baseline
#: would compare unlike things, so the sentence leaves it out.
_RATE_RULES = ("growth", "reduction", "needs_target")


def item_sentence(item: ItemAssessment, as_reported: str | None = None) -> str:
    """One sentence on one item: latest figure, movement, grade and outlook, e.g.

    ``2022年全社会研发经费投入占地区生产总值比重达到5.6%，已超过2025年预期目标（5.5%以上）。``
    """
    year, value = latest(item)
    if value is None:
        return f"{item.name}暂无监测数据，需尽快补报。"
    if item.compared_with is not None and not as_reported:
        # a target in words: the engine's sentence already names the target as printed and
        # what it was compared with (目标为“高于GDP增长”，…高于同期国内生产总值…)
        return f"{item.name}{item.explanation}" + manual_note(item) + word_note(item)
    rises = item.direction != "decrease" and not is_rank(item)
    if as_reported:  # the department's own figure first, then what it was turned into
        lead = f"{year}年报送{converted(as_reported, value, item.unit, item.name)}"
    else:
        lead = f"{year}年{item.name}{'达到' if rises else '为'}{reported(value, item.unit)}"
    target_year = f"{item.target_year}年" if item.target_year else "规划"
    cited = f"{target_year}{target_kind(item)}（{target_phrase(item)}）"
    code = item.status
    if code == "achieved" and not is_bound(item):
        reached = item.target_value is not None and value == item.target_value
        verdict = f"已达到{cited}" if reached else f"已超过{cited}"
    elif code in ("achieved", "bound_kept"):
        keep = "控制在" if item.target_comparator in _CEILINGS else "保持在"
        verdict = f"{keep}{cited}范围内，需继续保持"
    elif code in ("ahead", "on_track", "roughly_on_track"):
        verdict = f"{_progress(item)}{status(code).label_zh}"
    elif code in ("lagging", "seriously_lagging"):
        verdict = f"{_progress(item)}{status(code).label_zh}{_distance(item, value)}"
    elif code == "regressing":
        verdict = f"与{cited}方向相反，呈逆向变化"
    elif code in ("improving", "stable", "worsening"):
        verdict = status(code).label_zh
    elif code == "needs_target":
        verdict = f"{target_year}目标为“{item.target_text or '待定'}”，具体目标值待明确后再作评估"
    else:
        verdict = status_label(item)
    parts = [lead, _movement(item, value), verdict, _outlook_clause(item)]
    sentence = "，".join(p for p in parts if p) + "。" + manual_note(item) + annual_note(item)
    return sentence + word_note(item)


def word_note(item: ItemAssessment) -> str:
    """The targets in words the row has beside its number (a table note), each with what it
    was compared with and its grade: the engine's sentence, named as such."""
    return "".join(f"文字目标：{c.explanation}" for c in item.word_checks)


def annual_note(item: ItemAssessment) -> str:
    """The year against its own annual target, after the five-year path: named as such."""
    if item.annual is None:
        return ""
    return f"年度目标完成情况：{item.annual.explanation}"


def _outlook_clause(item: ItemAssessment) -> str:
    """The outlook, said so that it never seems to contradict the grade."""
    if item.outlook is None or item.status in ("achieved",):
        return ""
    good = item.status in ("ahead", "on_track", "roughly_on_track", "bound_kept")
    if item.outlook == "likely":
        return "预计能够如期完成" if not good or item.status != "bound_kept" else ""
    if item.outlook == "at_risk":
        return "但按近年趋势存在不能如期完成的风险" if good else "存在不能如期完成的风险"
    if item.outlook == "unlikely":
        return "但按近年趋势预计难以如期完成" if good else "预计难以如期完成"
    return ""


def manual_note(item: ItemAssessment) -> str:
    if item.manual is None:
        return ""
    m = item.manual
    return f"经人工研判为“{status(m.status).label_zh}”，理由：{m.reason.rstrip('。')}。"


def _movement(item: ItemAssessment, value: float) -> str:
    """``较2020年提高1.2个百分点`` against the baseline, or else the first reported year."""
    if item.method in _RATE_RULES or item.status == "needs_target":
        return ""
    if item.baseline_value is not None and item.baseline_year is not None:
        since, before = item.baseline_year, item.baseline_value
    elif len(item.series) > 1 and item.series[0][0] != item.latest_year:
        since, before = item.series[0]
    else:
        return ""
    delta = value - before
    if abs(delta) < 1e-9:
        return f"与{since}年持平"
    lower = item.direction == "decrease"
    return f"较{since}年{change(delta, item.unit, rank=is_rank(item), lower=lower)}"


def _progress(item: ItemAssessment) -> str:
    """``完成进度65.9%，时间进度60%，`` — the item's own time share, never the report's."""
    if item.completion_share is None or item.time_share is None:
        return ""
    return f"完成进度{percent(item.completion_share)}，时间进度{percent(item.time_share)}，"


def gap_phrase(item: ItemAssessment, value: float | None = None) -> str:
    """``距2025年目标尚差3.9个百分点`` for a level target; empty where a gap means nothing."""
    value = latest(item)[1] if value is None else value
    if item.target_value is None or value is None or item.method in ("growth", "reduction"):
        return ""
    gap = abs(item.target_value - value)
    if gap < 1e-9:
        return ""
    points = item.unit in ("%", "个百分点")
    size = f"{derived(gap, '%')[:-1]}个百分点" if points else derived(gap, item.unit)
    return f"距{item.target_year or ''}年目标尚差{size}"


def _distance(item: ItemAssessment, value: float) -> str:
    gap = gap_phrase(item, value)
    return f"，{gap}" if gap else ""


def pace_phrase(item: ItemAssessment, last_year: int | None = None) -> str:
    """The pace the remaining years need: ``2024—2025年需年均增长22.4%`` or
    ``年均需提高2个百分点``; empty where nothing is left to do or no pace can be given."""
    if is_bound(item):
        return ""  # a bound is kept, not approached at a pace
    year, value = latest(item)
    end = item.target_year or last_year
    # A rate target needs the engine's pace; a level target the pace that closes the gap the
    # same sentence states (the engine may measure an increment from another figure).
    pace, unit = (item.required_pace, item.pace_unit) if _rate_method(item) else (None, None)
    if pace is None and not _rate_method(item):
        if item.target_value is None or value is None or not end or not year or end <= year:
            return ""
        pace, unit = (item.target_value - value) / (end - year), item.unit
    if pace is None:
        return ""
    when = f"{year_span(range(year + 1, end + 1))}" if year and end and end > year else "后续"
    if unit == "%" and item.method in ("growth", "reduction"):
        verb = "下降" if item.method == "reduction" else "增长"
        return f"{when}需年均{verb}{number(abs(pace), 1)}%"
    if abs(pace) < 1e-9:
        return ""
    if is_rank(item):
        return f"{when}需年均{change(pace, item.unit, rank=True)}"
    return f"{when}需年均{change(pace, item.unit)}"


def _rate_method(item: ItemAssessment) -> bool:
    return item.method in ("growth", "reduction")


def action_verb(item: ItemAssessment) -> str:
    """The verb a recommendation takes for the item's target: 控制 a ceiling, 保持 a hold,
    加快 a growth rate, 降低 where lower is better, 提升 otherwise (a rank too: 位次提升)."""
    if item.target_comparator in _CEILINGS:
        return "控制"
    if is_bound(item):
        return "保持"
    if item.method == "growth":
        return "加快"
    if item.direction == "decrease" and not is_rank(item):
        return "降低"
    return "提升"


def category_paragraph(
    category: str, items: Sequence[ItemAssessment], as_reported: Mapping[str, str] | None = None
) -> str:
    """The narrative of one category: counts first, then one sentence per item with a figure,
    the items without one named together at the end."""
    opening = f"{category}领域共{len(items)}项指标，其中{status_counts(items)}。"
    return opening + item_sentences(items, as_reported)


def item_sentences(
    items: Sequence[ItemAssessment], as_reported: Mapping[str, str] | None = None
) -> str:
    """``as_reported``: item code → the latest figure as reported, where it was converted."""
    given = as_reported or {}
    reported_items = [i for i in items if latest(i)[1] is not None]
    missing = [i for i in items if latest(i)[1] is None]
    text = "".join(item_sentence(i, given.get(i.code)) for i in reported_items)
    if missing:
        text += f"{names(missing, limit=len(missing))}暂无监测数据，需尽快补报。"
    return text


def internal_terms_in(text: str) -> list[str]:
    """The banned terms and raw codes found in ``text`` (empty: the text reads clean)."""
    found = [t for t in INTERNAL_TERMS if re.search(rf"(?<![A-Za-z]){t}(?![A-Za-z])", text)]
    return found + RAW_CODE.findall(text)
