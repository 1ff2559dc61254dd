"""The main indicator table (主要指标表): every row read against a header, never fixed positions.

Columns are found by reading the header cells (指标名称, 单位, 2020年, 2025年,
年均增速〔累计〕, 属性, 类别 …) in whatever order they come. Rows that lost a cell in
publication (the 属性 landing one cell early, a stray empty cell after it) are put right by
finding the attribute word by content.
Rules, with examples, are in ``docs/outline-format.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planwatch.outline.document import Block, Paragraph, Table
from planwatch.outline.footnotes import (
    is_note,
    note_body,
    note_items,
    notes_after,
    notes_for,
    strip_mark,
)
from planwatch.outline.model import Indicator, Rate, TargetValue, YearValue
from planwatch.outline.values import Quantity, as_number, is_empty, is_unit, read_quantity
from planwatch.outline.words import read_word_targets, resolve_references

ATTRIBUTES = {"预期性": "anticipatory", "预期": "anticipatory"}
ATTRIBUTES |= {"约束性": "binding", "约束": "binding"}

#: Meaning words for the normative direction, used when baseline and target do not settle it.
#: A name ending in 降低/下降/减少 is a reduction, where more is better, and wins over both lists.
LOWER_IS_BETTER = ("失业率", "能耗", "能源消耗", "排放", "污染", "死亡率", "发病率", "事故")
LOWER_IS_BETTER += ("负债率", "浓度", "贫困发生率", "用水量")
HIGHER_IS_BETTER = ("增长", "增速", "比重", "占比", "覆盖率", "参保率", "城镇化率", "优良")
HIGHER_IS_BETTER += ("好于", "达标率", "寿命", "受教育年限", "拥有量", "收入", "生产能力")
HIGHER_IS_BETTER += ("生产率", "普及率", "入园率", "保有量", "绿化率")
_REDUCTION = re.compile(r"(降低|下降|减少|降幅)(率|幅度)?$")

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年?")
_NUMBER_PREFIX = re.compile(r"^\s*(?:[（(]\s*(\d{1,3})\s*[)）]|(\d{1,3})\s*[.、．](?!\d))\s*")
_UNIT_SUFFIX = re.compile(r"\s*[（(]([^（）()]{1,12})[)）]\s*$")


@dataclass
class Columns:
    """Where each field sits in the rows, read from the header."""

    name: int
    #: A second name column under a header merged over two (``指标`` over group and name:
    #: ``主要污染物排放总量减少(%)`` | ``化学需氧量``).
    subname: int | None = None
    number: int | None = None
    category: int | None = None
    unit: int | None = None
    baseline: int | None = None
    target: int | None = None
    growth: int | None = None
    cumulative: int | None = None
    attribute: int | None = None
    growth_is_mixed: bool = False
    baseline_year: int | None = None
    target_year: int | None = None
    ignored: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class UnreadableCell:
    """A value cell that is neither a number, an empty mark nor a target in words."""

    row: int  # the row as printed, the header row counting as 1
    code: str
    name: str
    column: str  # the column's header as printed
    cell: str


@dataclass
class IndicatorTable:
    indicators: list[Indicator]
    baseline_year: int | None
    target_year: int | None
    #: The caption printed above the table (``专栏1　主要指标``), else a generic name.
    title: str = "主要指标表"
    #: The table's notes as printed (a ``注：`` row or lines under it), one item each.
    notes: list[str] = field(default_factory=list)
    unreadable: list[UnreadableCell] = field(default_factory=list)


#: A target cell in words a coordinator can act on (``完成省市下达任务``, ``持续改善``).
_WORD_TARGET = re.compile(
    r"完成|下达|分解|任务|要求|目标|改善|提高|提升|稳定|保持|降低|下降|增长|减少|控制|达标|确保"
    r"|待定|落实|持续|逐步|稳步|优于|好于|不低于|不高于|不超过|合理|区间|同步|高于|低于|以上|以内"
)
_CAPTION_LENGTH = 50


def find_indicator_table(
    blocks: list[Block], base_year: int | None = None, target_year: int | None = None
) -> IndicatorTable | None:
    """Read the largest table whose header names indicators; None when the outline has none."""
    best: tuple[int, Table, int, Columns] | None = None
    for block in blocks:
        if not isinstance(block, Table):
            continue
        found = _header(block)
        if found is None:
            continue
        at, columns = found
        size = len(block.rows) - at - 1
        if best is None or size > best[0]:
            best = (size, block, at, columns)
    if best is None:
        return None
    _, table, at, columns = best
    rows = list(enumerate(table.rows[at + 1 :], start=at + 2))
    note_lines = [_row_text(r) for _, r in rows if _is_note_row(r)]
    notes = note_items(note_lines + notes_after(blocks, table))
    result = IndicatorTable([], columns.baseline_year, columns.target_year, notes=notes)
    result.title = _caption(blocks, table) or result.title
    result.indicators = read_rows(
        [(k, r) for k, r in rows if not _is_note_row(r)],
        columns,
        columns.baseline_year or base_year,
        columns.target_year or target_year,
        notes=notes,
        unreadable=result.unreadable,
        header=table.rows[at],
    )
    _notes_naming_rows(result.indicators, notes)
    resolve_references(result.indicators)
    return result if result.indicators else None


def _notes_naming_rows(indicators: list[Indicator], notes: list[str]) -> None:
    """A note that opens with a row's name (``③城乡三项基本医疗保险参保率指…``) explains
    that row, mark or not."""
    for note in notes:
        body = note_body(note)
        for ind in indicators:
            names = {ind.name, ind.name.split("：")[-1]}
            if any(len(n) >= 4 and body.startswith(n) for n in names) and note not in ind.notes:
                ind.notes.append(note)


def _is_note_row(row: tuple[str, ...]) -> bool:
    first = next((c for c in row if not is_empty(c)), "")
    return is_note(first)


def _row_text(row: tuple[str, ...]) -> str:
    """A note row's text once: merged cells repeat it across the row."""
    seen: list[str] = []
    for cell in row:
        if not is_empty(cell) and cell.strip() not in seen:
            seen.append(cell.strip())
    return " ".join(seen)


def _caption(blocks: list[Block], table: Table) -> str | None:
    """A short line right above the table (``专栏1　“十四五”主要指标``, ``表1 …``)."""
    at = next(k for k, b in enumerate(blocks) if b is table)
    above = blocks[at - 1] if at > 0 else None
    if (
        isinstance(above, Paragraph)
        and len(above.text) <= _CAPTION_LENGTH
        and "。" not in above.text
        and "指标" in above.text
    ):
        return above.text.strip()
    return None


def _header(table: Table) -> tuple[int, Columns] | None:
    """The header row; a header printed on two rows (``规划目标`` over ``2025年``/``年均增长``,
    merged cells repeated) is read as one."""
    rows = table.rows
    for at, row in enumerate(rows[:4]):
        columns = read_header(row)
        if columns is None:
            continue
        if at + 1 < len(rows) and _continues_header(rows[at + 1]):
            both = read_header(_merge_header(row, rows[at + 1]))
            if both is not None:
                return at + 1, both
        return at, columns
    return None


_HEADER_WORD = re.compile(
    r"指标|名称|单位|属性|性质|年均|增速|增长|累计|目标|规划|基期|现状|类别|序号"
)


def _continues_header(row: tuple[str, ...]) -> bool:
    """A second header row: only header words and years, no numbered indicator."""
    filled = [re.sub(r"\s+", "", c) for c in row if not is_empty(c)]
    return bool(filled) and all(
        (_HEADER_WORD.search(c) or re.fullmatch(r"(?:19|20)\d{2}年?", c))
        and not _NUMBER_PREFIX.match(c)
        for c in filled
    )


def _merge_header(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    width = max(len(first), len(second))
    cells = []
    for k in range(width):
        a = first[k].strip() if k < len(first) else ""
        b = second[k].strip() if k < len(second) else ""
        cells.append(a if a == b or not b else b if not a else a + b)
    return tuple(cells)


def read_header(row: tuple[str, ...]) -> Columns | None:
    """Map header cells to fields; None unless there is a name column and a value column."""
    cells = [re.sub(r"\s+", "", c) for c in row]
    name = next((k for k, c in enumerate(cells) if "指标" in c or "名称" in c), None)
    if name is None:
        name = next((k for k, c in enumerate(cells) if c in ("项目", "内容")), None)
    if name is None:
        return None
    columns = Columns(name=name)
    years: list[tuple[int, int | None]] = []  # (column, year)
    for k, c in enumerate(cells):
        if k == name + 1 and not c and _named_row(cells, k):
            columns.subname = k
            continue
        if k == name or not c:
            continue
        if re.search(r"序号|编号|^No\.?$", c, re.IGNORECASE):
            columns.number = k
        elif re.search(r"类别|领域|类型|分类|方面", c):
            columns.category = k
        elif re.search(r"单位", c):
            columns.unit = k
        elif re.search(r"属性|性质", c):
            columns.attribute = k
        elif re.search(r"年均|增速|增长率|增幅", c):
            columns.growth = k
            columns.growth_is_mixed = "累计" in c
        elif "累计" in c:
            columns.cumulative = k
        elif _YEAR.search(c) or re.search(r"基期|现状|基数|目标|规划值", c):
            year = _YEAR.search(c)
            kind = (
                "target"
                if re.search(r"目标|规划值", c)
                else "baseline"
                if re.search(r"基期|现状|基数", c)
                else None
            )
            years.append((k, int(year.group(1)) if year else None, kind))
        else:
            columns.ignored.append(k)
    _assign_years(columns, years)
    if columns.baseline is None and columns.target is None and columns.growth is None:
        return None
    return columns


def _named_row(cells: list[str], blank: int) -> bool:
    """A blank header cell right of the name with more header cells after it: the name
    header spans two columns."""
    return any(c for c in cells[blank + 1 :])


def _assign_years(columns: Columns, years: list) -> None:
    """Baseline is the earliest (or 基期) column, target the latest (or 目标) one."""
    if not years:
        return
    marked_base = [y for y in years if y[2] == "baseline"]
    marked_target = [y for y in years if y[2] == "target"]
    dated = sorted((y for y in years if y[1] is not None), key=lambda y: y[1])
    base = marked_base[0] if marked_base else (dated[0] if dated else None)
    target = marked_target[-1] if marked_target else (dated[-1] if dated else None)
    if base is not None and target is not None and base[0] == target[0]:
        if len(years) == 1 and base[2] != "baseline":
            base = None
        else:
            target = None
    if base is None and target is None:
        base = years[0]
        target = years[-1] if len(years) > 1 else None
    if base is not None:
        columns.baseline, columns.baseline_year = base[0], base[1]
    if target is not None:
        columns.target, columns.target_year = target[0], target[1]


def read_rows(
    rows,
    columns: Columns,
    baseline_year: int | None,
    target_year: int | None,
    notes: list[str] | None = None,
    unreadable: list[UnreadableCell] | None = None,
    header: tuple[str, ...] = (),
) -> list[Indicator]:
    """Indicators from ``(printed row number, cells)`` pairs; footnote
    marks are dropped from the cells and the notes they point to kept with the row; value
    cells that cannot be read go to ``unreadable``."""
    indicators: list[Indicator] = []
    category: str | None = None
    used: set[str] = set()
    for printed_row, row in rows:
        marked = [strip_mark(c) for c in row]
        cells = [c for c, _ in marked]
        keys = [key for _, key in marked if key]
        if _is_category_row(cells, columns):
            category = _category_text(cells)
            continue
        cells = _realign(cells, columns)
        name_cell = _cell(cells, columns.name)
        if is_empty(name_cell):
            continue
        if columns.category is not None and not is_empty(_cell(cells, columns.category)):
            category = _cell(cells, columns.category)
        group_cell = name_cell
        sub_cell = _cell(cells, columns.subname)
        if is_empty(sub_cell) and re.search(r"\S{2}[：:]\s*\S", name_cell):
            group_cell, sub_cell = re.split(r"[：:]", name_cell, maxsplit=1)
        number, name, unit = split_name(group_cell)
        meaning = (name,)
        if not is_empty(sub_cell) and sub_cell.strip() != group_cell.strip():
            sub_number, sub_name, sub_unit = split_name(sub_cell)
            number = sub_number if sub_number is not None else number
            meaning = (sub_name, name)  # 化学需氧量 under 主要污染物排放总量减少
            name, unit = f"{name}：{sub_name}", sub_unit or unit
        if columns.number is not None:
            printed = re.sub(r"\D", "", _cell(cells, columns.number))
            number = int(printed) if printed else number
        if columns.unit is not None and not is_empty(_cell(cells, columns.unit)):
            unit = _cell(cells, columns.unit)
        number = number if number is not None else len(indicators) + 1
        indicator = _indicator(
            cells, columns, number, name, unit, category, baseline_year, target_year, meaning
        )
        if indicator.code in used:  # two rows printed with the same number
            indicator.code = next(
                f"I{number}-{k}" for k in range(2, 100) if f"I{number}-{k}" not in used
            )
        used.add(indicator.code)
        for key in keys:
            for note in notes_for(key, notes or []):
                if note not in indicator.notes:
                    indicator.notes.append(note)
        if unreadable is not None:
            unreadable.extend(_unreadable(cells, columns, indicator, printed_row, header))
        indicators.append(indicator)
    return indicators


def _unreadable(cells, columns: Columns, indicator: Indicator, row: int, header) -> list:
    out = []
    for index in (columns.baseline, columns.target, columns.growth, columns.cumulative):
        cell = _cell(cells, index)
        if is_empty(cell) or cell in ATTRIBUTES:
            continue
        q = read_quantity(cell)
        if q is not None and q.value is None and not _WORD_TARGET.search(cell):
            column = _cell(list(header), index) or f"第{index + 1}列"
            out.append(UnreadableCell(row, indicator.code, indicator.name, column, cell))
    return out


#: Names of growth indicators: their bare figure in a mixed column is the annual growth rate.
_GROWTH_NAME = re.compile(r"(?:增长|增速|增长率)$")


def _indicator(
    cells, columns, number, name, unit, category, baseline_year, target_year, meaning=()
):
    """One row; ``meaning`` is the names its sense is read from, own name first (a row under
    a group: ``化学需氧量``, then ``主要污染物排放总量减少``)."""
    own, *groups = meaning or (name,)
    base = read_quantity(_cell(cells, columns.baseline))
    goal = read_quantity(_cell(cells, columns.target))
    growth, cumulative = _rates(cells, columns, own, base, goal)
    cap = growth if goal is None and growth and _is_level_cap(own, unit, growth) else None
    if cap is not None:  # "<5.5" for 城镇调查失业率: a ceiling on the rate itself
        goal, growth = read_quantity(cap.text or ""), None
    attribute = ATTRIBUTES.get(re.sub(r"\s+", "", _cell(cells, columns.attribute)))
    direction = infer_direction(own, base, goal)
    for group in groups:
        direction = direction or infer_direction(group, None, None)
    target = None
    if goal is not None:
        comparator = goal.comparator
        if comparator is None and goal.value is not None:
            comparator = {"increase": ">=", "decrease": "<="}.get(direction or "", "=")
        target = TargetValue(target_year, as_number(goal.value), comparator, goal.text)
    words = [
        w
        for index in (columns.target, columns.growth, columns.cumulative)
        if not is_empty(_cell(cells, index))
        for w in read_word_targets(_cell(cells, index))
    ]
    return Indicator(
        word_targets=words,
        number=number,
        code=f"I{number}",
        name=name,
        unit=unit,
        category=category,
        baseline=YearValue(baseline_year, as_number(base.value), base.text) if base else None,
        target=target,
        annual_growth=growth,
        cumulative_change=cumulative,
        attribute=attribute,
        direction=direction,
    )


def split_name(cell: str) -> tuple[int | None, str, str | None]:
    """``(11)每千人拥有执业(助理)医师数(人)`` → (11, ``每千人拥有执业(助理)医师数``, ``人``)."""
    text = " ".join(cell.split())
    number = None
    prefix = _NUMBER_PREFIX.match(text)
    if prefix:
        number = int(prefix.group(1) or prefix.group(2))
        text = text[prefix.end() :]
    unit = None
    suffix = _UNIT_SUFFIX.search(text)
    if suffix and is_unit(suffix.group(1)):
        unit = suffix.group(1).strip().replace("％", "%")
        text = text[: suffix.start()]
    return number, text.strip(), unit


def infer_direction(name: str, base: Quantity | None, goal: Quantity | None) -> str | None:
    """Is more better? From the target's bound, then baseline vs target, then the name's meaning."""
    if goal is not None and goal.comparator in (">=", ">"):
        return "increase"
    if goal is not None and goal.comparator in ("<=", "<"):
        return "decrease"
    if base and goal and base.value is not None and goal.value is not None:
        if goal.value > base.value:
            return "increase"
        if goal.value < base.value:
            return "decrease"
    plain = re.sub(r"[（(][^（）()]*[)）]", "", name)
    if _REDUCTION.search(plain):
        return "increase"
    if any(word in plain for word in LOWER_IS_BETTER):
        return "decrease"
    if any(word in plain for word in HIGHER_IS_BETTER):
        return "increase"
    return None


def _rates(cells, columns: Columns, name: str = "", base=None, goal=None):
    """The growth and cumulative figures. In a combined ``年均增长〔累计〕`` column brackets mean
    cumulative; a bare number is the annual growth rate of a growth indicator, and cumulative
    where it equals target − baseline (a bracket lost in print) or the row is not a growth."""
    growth = cumulative = None
    if columns.growth is not None:
        q = read_quantity(_cell(cells, columns.growth))
        if q is not None:
            if q.bracketed or (
                columns.growth_is_mixed and q.bare and _bare_is_cumulative(q, name, base, goal)
            ):
                cumulative = _rate(q)
            else:
                growth = _rate(q)
    if columns.cumulative is not None:
        q = read_quantity(_cell(cells, columns.cumulative))
        if q is not None:
            cumulative = _rate(q)
    return growth, cumulative


def _bare_is_cumulative(q: Quantity, name: str, base, goal) -> bool:
    known = base is not None and goal is not None
    if known and None not in (base.value, goal.value, q.value):
        return abs(goal.value - base.value - q.value) < 1e-6
    return not _GROWTH_NAME.search(name)


def _is_level_cap(name: str, unit: str | None, growth: Rate) -> bool:
    """A ``<`` bound in the growth column of a rate that is not itself a growth is a cap on the
    level (``城镇调查失业率 … <5.5``)."""
    return (
        growth.comparator in ("<", "<=")
        and unit in ("%", "‰")
        and not _GROWTH_NAME.search(name)
        and not name.endswith(("降低", "下降", "减少"))
    )


def _rate(q: Quantity) -> Rate:
    return Rate(as_number(q.value), q.comparator, q.text)


def _is_category_row(cells: list[str], columns: Columns) -> bool:
    """A label alone on its row (or merged across it), with no number and no values."""
    filled = [c for c in cells if not is_empty(c)]
    if not filled or len(set(filled)) != 1:
        return False
    label = filled[0]
    if _NUMBER_PREFIX.match(label) or label in ATTRIBUTES:
        return False
    q = read_quantity(label)
    return (q is None or q.value is None) and len(label) <= 20


def _category_text(cells: list[str]) -> str:
    return next(c for c in cells if not is_empty(c)).strip()


def _realign(cells: list[str], columns: Columns) -> list[str]:
    """Put a misplaced attribute cell back in its column; the cells before it keep their order."""
    width = 1 + max(
        k
        for k in (columns.name, columns.subname, columns.number, columns.category, columns.unit,
                  columns.baseline,
                  columns.target, columns.growth, columns.cumulative, columns.attribute)
        if k is not None
    )  # fmt: skip
    while len(cells) > width and is_empty(cells[-1]):
        cells = cells[:-1]
    if columns.attribute is None:
        return cells
    found = [k for k, c in enumerate(cells) if re.sub(r"\s+", "", c) in ATTRIBUTES]
    if not found or found[-1] == columns.attribute:
        return cells
    at = found[-1]
    attribute = cells[at]
    rest = cells[:at] + cells[at + 1 :]
    while rest and len(rest) >= width and is_empty(rest[-1]):
        rest = rest[:-1]
    slots = [k for k in range(width) if k != columns.attribute]
    out = [""] * width
    for slot, value in zip(slots, rest, strict=False):
        out[slot] = value
    out[columns.attribute] = attribute
    return out


def _cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()
