"""The structured plan: what an outline reader produces and everything else reads.

Plain dataclasses with a JSON form (``to_dict`` / ``from_dict``); the shape is documented in
``docs/outline-format.md``. Nothing here knows how a plan was read or where it will be stored.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

from planwatch.errors import Text

#: How a target bounds its value. ``~`` is "about" (…左右); ``=`` is "reach exactly / hold".
Comparator = Literal[">=", "<=", ">", "<", "=", "~"]
COMPARATORS: tuple[str, ...] = (">=", "<=", ">", "<", "=", "~")

#: 预期性 → anticipatory, 约束性 → binding.
Attribute = Literal["anticipatory", "binding"]

#: Normative direction: is a larger value better ("increase") or a smaller one ("decrease")?
Direction = Literal["increase", "decrease"]

#: What a prose target commits to.
TargetKind = Literal[
    "level", "increment", "coverage", "rank", "count", "multiple", "reduction", "growth"
]
TARGET_KINDS: tuple[str, ...] = ("level", "increment", "coverage", "rank", "count", "multiple")


#: What a target stated in words compares with (docs/outline-format.md, "Targets in words").
WORD_TARGET_KINDS: tuple[str, ...] = ("relative", "reference", "range", "year_set")
#: How a relative or reference target compares: 高于/快于 → above, 不低于 → not_below,
#: 同步/基本同步 → in_step, 低于 → below, 不高于 → not_above.
RELATIONS: tuple[str, ...] = ("above", "not_below", "in_step", "below", "not_above")


@dataclass
class WordTarget:
    """A target stated in words (``高于GDP增长``, ``保持在合理区间``, ``各年度视情提出``).

    ``kind``: ``relative`` (to another indicator of the plan, ``reference`` its code),
    ``reference`` (to an outside figure the coordinator records, named by ``reference_name``:
    ``全省平均水平``, ``“十三五”时期实际``), ``range`` (to stay within bounds the coordinator
    records) or ``year_set`` (set each year, judged against each year's target). ``subject``
    is what is compared where it is not the row itself (``投入强度``); ``text`` the words as
    printed; ``location`` where a prose or note word target sits (empty for a table cell).
    """

    kind: str
    text: str
    relation: str | None = None
    reference: str | None = None
    reference_name: str | None = None
    subject: str | None = None
    location: list[str] = field(default_factory=list)


@dataclass
class YearValue:
    """A value at a year, e.g. a baseline ``{year: 2020, value: 91.24}``."""

    year: int | None
    value: float | None
    text: str | None = None


@dataclass
class TargetValue:
    """A target: ``value`` is null where the outline gives words only (``完成省市分解任务``)."""

    year: int | None
    value: float | None
    comparator: Comparator | None
    text: str | None


@dataclass
class Rate:
    """An annual growth rate (``15%``, ``6.5左右``) or a cumulative change (``〔1.76〕``)."""

    value: float | None
    comparator: Comparator | None
    text: str | None


@dataclass
class OcrCell:
    """One cell of a table read from an image by OCR, for the coordinator to check.

    ``field`` is the indicator field it gave (``name``, ``unit``, ``category``, ``baseline``,
    ``target``, ``growth``, ``cumulative``, ``attribute``); ``text`` what was read;
    ``confidence`` 0–1 (the least sure word's); ``box`` ``[left, top, right, bottom]`` in the
    pixels of the source image (a scanned page: its picture, or the page rasterised at
    ``ocr.RASTER_DPI``; ``ocr.crop`` cuts it out);
    ``low`` true where the reading needs checking (confidence under ``ocr.LOW_CONFIDENCE``,
    or a figure cell that does not read as a figure).
    """

    field: str
    text: str
    confidence: float
    box: list[int]
    low: bool = False


@dataclass
class Indicator:
    """One row of the main indicator table (主要指标表)."""

    number: int
    code: str
    name: str
    unit: str | None
    category: str | None
    baseline: YearValue | None
    target: TargetValue | None
    annual_growth: Rate | None
    cumulative_change: Rate | None
    attribute: Attribute | None
    direction: Direction | None
    #: The table's notes this row's footnote marks point to (``60.6*`` → ``*为2019年数据``).
    notes: list[str] = field(default_factory=list)
    #: Where the table was read by OCR: the cells as read, the image and the page.
    ocr_cells: list[OcrCell] = field(default_factory=list)
    source: str | None = None
    page: int | None = None
    #: Targets its cells state in words, in cell order (``保持在合理区间、各年度视情提出``: two).
    word_targets: list[WordTarget] = field(default_factory=list)


@dataclass
class ProseTarget:
    """A quantified commitment found in the running text (``…达到500家``)."""

    code: str
    subject: str
    value: float | None
    unit: str | None
    comparator: Comparator | None
    year: int | None
    kind: TargetKind
    text: str
    location: list[str]
    baseline: YearValue | None = None
    #: Where the outline states the same commitment again (a restatement merged into this one).
    also_at: list[list[str]] = field(default_factory=list)
    #: The upper end where the text gives a range (``50－100家``: value 50, high 100).
    high: float | None = None
    #: True where the text gives no year and ``year`` is the plan's target year.
    year_defaulted: bool = False
    #: The code of the table indicator this target restates ("I5"), if any.
    restates: str | None = None
    #: The page of the scan it was read from (OCR only).
    page: int | None = None


@dataclass
class Task:
    """A measure (opened by a lead phrase, or a plain paragraph); what departments are assigned
    and report on."""

    code: str
    title: str
    text: str
    page: int | None = None  # the page of the scan it starts on (OCR only)


@dataclass
class Item:
    """``（一）…`` under a subsection or section; ``items`` holds its ``1.``/``（1）`` points."""

    number: str
    title: str
    text: str
    tasks: list[Task] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    page: int | None = None


@dataclass
class Subsection:
    """``一、…`` under a section."""

    number: str
    title: str
    text: str
    tasks: list[Task] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    page: int | None = None


@dataclass
class Section:
    """``第X节 …`` under a chapter."""

    number: str
    title: str
    text: str
    tasks: list[Task] = field(default_factory=list)
    subsections: list[Subsection] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)  # （一） directly under the section
    page: int | None = None


@dataclass
class Chapter:
    """``第X章 …``; ``part`` is the ``第X篇`` it sits under, where the outline has parts."""

    number: str
    title: str
    text: str
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    part: str | None = None
    subsections: list[Subsection] = field(default_factory=list)  # 一、 where there is no 第X节
    page: int | None = None


@dataclass
class Box:
    """A 专栏 box: its title (``专栏4　新农村建设重点工程``), its text (lines joined by newlines;
    empty where the box is an image, ``image`` true) and the chapter/section it sits in."""

    title: str
    text: str
    location: list[str] = field(default_factory=list)
    image: bool = False
    page: int | None = None


@dataclass
class ReadingWarning:
    """Something the reader could not read fully, for the coordinator to check before use.

    ``code`` is stable (``outline.image_table``, ``outline.unknown_unit``,
    ``outline.duplicate_indicator``); ``zh``/``en`` are the message; ``location`` the headings
    (``["第三章"]``) or table row (``["I4"]``) it concerns.
    """

    code: str
    zh: str
    en: str
    location: list[str] = field(default_factory=list)

    def render(self, language: str | None = None) -> str:
        return Text(self.zh, self.en, code=self.code).render(language)


@dataclass
class Plan:
    """A whole plan outline, ready to be tracked."""

    title: str
    document_number: str | None = None
    issuer: str | None = None
    base_year: int | None = None
    target_year: int | None = None
    issued_on: str | None = None  # ISO date the document was signed (成文日期)
    published_on: str | None = None  # ISO date it was published (发文日期)
    chapters: list[Chapter] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    targets: list[ProseTarget] = field(default_factory=list)
    #: The indicator table's notes as printed (``〔〕内为五年累计数``), one item each.
    indicator_notes: list[str] = field(default_factory=list)
    #: 专栏 boxes in document order.
    boxes: list[Box] = field(default_factory=list)
    #: The reading report: what could not be read fully (see :class:`ReadingWarning`).
    warnings: list[ReadingWarning] = field(default_factory=list)
    #: Targets in words in the running text and the table's notes (``价格总水平基本稳定``).
    word_targets: list[WordTarget] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        return _build(cls, data)

    def iter_tasks(self):
        """Every task with the location (chapter, section, subsection, item numbers) it sits in."""
        for ch in self.chapters:
            for t in ch.tasks:
                yield (ch.number,), t
            for sec in ch.sections:
                for t in sec.tasks:
                    yield (ch.number, sec.number), t
                for sub in sec.subsections:
                    yield from _subsection_tasks((ch.number, sec.number), sub)
                yield from _item_tasks((ch.number, sec.number), sec.items)
            for sub in ch.subsections:
                yield from _subsection_tasks((ch.number,), sub)


def _subsection_tasks(where: tuple[str, ...], sub: Subsection):
    for t in sub.tasks:
        yield (*where, sub.number), t
    yield from _item_tasks((*where, sub.number), sub.items)


def _item_tasks(where: tuple[str, ...], items: list[Item]):
    for it in items:
        for t in it.tasks:
            yield (*where, it.number), t
        yield from _item_tasks((*where, it.number), it.items)


_NESTED: dict[tuple[type, str], type] = {}


def _build(cls: type, data: Any) -> Any:
    """Rebuild a dataclass tree from its ``asdict`` form, tolerating unknown keys."""
    if data is None:
        return None
    kwargs = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        nested = _NESTED.get((cls, f.name))
        if nested is not None:
            if isinstance(value, list):
                value = [_build(nested, v) for v in value]
            else:
                value = _build(nested, value)
        kwargs[f.name] = value
    return cls(**kwargs)


_NESTED.update(
    {
        (Plan, "chapters"): Chapter,
        (Plan, "indicators"): Indicator,
        (Plan, "targets"): ProseTarget,
        (Plan, "warnings"): ReadingWarning,
        (Plan, "boxes"): Box,
        (Plan, "word_targets"): WordTarget,
        (Indicator, "word_targets"): WordTarget,
        (Chapter, "sections"): Section,
        (Chapter, "tasks"): Task,
        (Chapter, "subsections"): Subsection,
        (Section, "items"): Item,
        (Item, "items"): Item,
        (Section, "subsections"): Subsection,
        (Section, "tasks"): Task,
        (Subsection, "items"): Item,
        (Subsection, "tasks"): Task,
        (Item, "tasks"): Task,
        (Indicator, "baseline"): YearValue,
        (Indicator, "ocr_cells"): OcrCell,
        (Indicator, "target"): TargetValue,
        (Indicator, "annual_growth"): Rate,
        (Indicator, "cumulative_change"): Rate,
        (ProseTarget, "baseline"): YearValue,
    }
)
