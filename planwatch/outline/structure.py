"""The outline's hierarchy and tasks: 第X篇 → 第X章 → 第X节 → 一、 → （一） → 1./（1）.

The table of contents is recognised (dot leaders with page numbers, long entries wrapped onto the
next line) and skipped; the body starts at the first chapter heading after it, and everything
before is front matter for :mod:`planwatch.outline.metadata`.

A task is a measure opened by a short lead phrase ending in ``。`` ("强化学前教育资源供给。加快…");
it runs until the next lead phrase or the end of the paragraph. Where a heading has no headings
below it, a paragraph without any lead phrase is one task on its own (titled by its first clause),
so measures written as plain prose can be assigned too; the text under a heading that has
headings below it is an introduction, not a measure. Sentences that open a paragraph before its
first lead phrase are a task of their own too (titled the same way), so no measure text is left
out of every task. Review, outlook and objective
sections (their titles say 成就, 机遇, 主要目标 …) state facts and goals, not measures, so no tasks
are taken from them; review sections are also where baselines come from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planwatch.outline.document import Block, Paragraph
from planwatch.outline.model import Chapter, Item, Section, Subsection, Task

_NUM = "一二三四五六七八九十百零〇"
HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"^(第[{_NUM}\d]+篇)\s*[:：]?\s*(.*)$")),
    ("chapter", re.compile(rf"^(第[{_NUM}\d]+章)\s*[:：]?\s*(.*)$")),
    ("section", re.compile(rf"^(第[{_NUM}\d]+节)\s*[:：]?\s*(.*)$")),
    ("subsection", re.compile(r"^([一二三四五六七八九十]{1,3}、)\s*(.*)$")),
    ("item", re.compile(r"^([（(][一二三四五六七八九十]{1,3}[)）])\s*(.*)$")),
    ("point", re.compile(r"^(\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）])\s*(.*)$")),
)
LEVEL = {"part": 0, "chapter": 1, "section": 2, "subsection": 3, "item": 4, "point": 5}

#: Section titles that review the past: no tasks, no targets; their figures are baselines.
REVIEW_WORDS = ("成就", "回顾", "成效", "总结", "发展基础", "发展现状", "基本情况", "发展环境")
#: Titles whose text sets out context, principles or goals rather than measures: no tasks.
NON_ACTION_WORDS = (*REVIEW_WORDS, "机遇", "挑战", "形势", "发展环境", "远景", "指导思想")
NON_ACTION_WORDS += ("基本要求", "基本原则", "战略定位", "主要目标", "发展目标", "总体要求")

_TOC_TITLE = re.compile(r"^目\s*录$|^目\s*次$|^contents$", re.IGNORECASE)
_TOC_LEADER = re.compile(r"(?:\.{3,}|…{2,}|·{3,}|-{4,}|_{4,}|\s{3,})\s*\d{1,4}\s*$")
#: The longest title a heading line may carry before it is read as prose.
_MAX_TITLE = 80
#: A lead phrase is at most this long and has no clause punctuation.
_MAX_LEAD = 30
_CLAUSE_MARK = re.compile(r"[，,；;：:？?！!]")
#: A paragraph task's title is its first clause, cut to this many characters (with the ellipsis).
MAX_TASK_TITLE = 30
#: A first clause shorter than this ("从国际来看") runs on to the next clause.
_MIN_TASK_TITLE = 6
_CLAUSE_END = frozenset("，,；;：:。？?！!")
_SENTENCE_END = frozenset("。？?！!")
_OPENERS, _CLOSERS = "“‘《（(「【〔", "”’》）)」】〕"
#: Figure and table captions and notes sit among the paragraphs but are not measures.
_NOT_A_MEASURE = re.compile(
    r"^(?:〔图表未提供文字|(?:附)?[图表]\s*[\d一二三四五六七八九十]+(?:[-—.．]\d+)?(?:[\s:：、.．]|$)"
    r"|(?:注|备注|说明|资料来源|数据来源)\s*[:：])"
)


@dataclass
class Passage:
    """A paragraph of body text with the headings it sits under (for targets and baselines)."""

    location: list[str]
    text: str
    review: bool


@dataclass
class Outline:
    front: list[str]
    chapters: list[Chapter] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


def read_structure(blocks: list[Block]) -> Outline:
    """Split front matter from body and build the heading tree with its tasks.

    An outline without ``第X章`` whose top headings are ``一、``, ``二、`` … reads them as its
    chapters, ``（一）`` as their sections and ``1.``/``（1）`` as items.
    """
    lines = [b.text for b in blocks if isinstance(b, Paragraph)]
    toc = toc_lines(lines)
    start = _first_heading(lines, toc, ("part", "chapter"))
    promote: dict[str, str] = {}
    if start is None:
        start = _first_numbered_heading(lines, toc)
        promote = SHORT_OUTLINE
    start = len(lines) if start is None else start
    front = [ln for k, ln in enumerate(lines[:start]) if k not in toc]
    front += _front_table_cells(blocks, start)
    body = [ln for k, ln in enumerate(lines[start:], start) if k not in toc]
    builder = _Builder(promote)
    for line in body:
        builder.add(line)
    builder.finish()
    return Outline(front=front, chapters=builder.chapters, passages=builder.passages, body=body)


#: How the headings of an outline numbered only 一、/（一）/1. map onto chapters and sections.
SHORT_OUTLINE = {"subsection": "chapter", "item": "section"}


def _first_heading(lines: list[str], toc: set[int], kinds) -> int | None:
    return next((k for k, ln in enumerate(lines) if k not in toc and _heading(ln, kinds)), None)


def _first_numbered_heading(lines: list[str], toc: set[int]) -> int | None:
    """Where an outline headed ``一、`` … ``二、`` … begins: at least those two, in order."""
    numbers = [
        (k, heading[1])
        for k, ln in enumerate(lines)
        if k not in toc and (heading := _heading(ln, ("subsection",)))
    ]
    first = next((k for k, (_, number) in enumerate(numbers) if number == "一、"), None)
    if first is None or not any(number == "二、" for _, number in numbers[first + 1 :]):
        return None
    return numbers[first][0]


def _front_table_cells(blocks: list[Block], body_start: int) -> list[str]:
    """Cells of tables before the body: web pages put 标题/发文字号/成文日期 in a label table."""
    cells: list[str] = []
    seen = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            seen += 1
            if seen > body_start:
                break
        else:
            cells.extend(c for row in block.rows for c in row if c)
    return cells


def toc_lines(lines: list[str]) -> set[int]:
    """Indexes of table-of-contents lines: by structure, or by dot leaders and page numbers."""
    return structural_toc(lines) | _leader_toc(lines)


_PAGE_NUMBER = re.compile(r"[\s\u3000]+\d{1,4}$")
#: A run of at least this many headings with no text between them may be a table of contents.
_MIN_TOC_RUN = 3


def structural_toc(lines: list[str]) -> set[int]:
    """The first run of 篇/章/节 headings with no text between them whose first heading
    appears again later (with text under it): the contents, however punctuated (a list, an
    indented block, bare titles). A body's own 篇 → 章 → 节 run never repeats, so it stays."""
    kinds = ("part", "chapter", "section")
    k = 0
    while k < len(lines):
        if not _heading(lines[k], kinds):
            k += 1
            continue
        end = k
        while end < len(lines) and _heading(_toc_entry(lines[end]), kinds):
            end += 1
        first = _bare(_toc_entry(lines[k]))
        if end - k >= _MIN_TOC_RUN and any(_bare(ln) == first for ln in lines[end:]):
            start = k - 1 if k and _TOC_TITLE.match(lines[k - 1].replace(" ", "")) else k
            return set(range(start, end))
        k = end
    return set()


def _toc_entry(line: str) -> str:
    """A contents line without its page number or leader."""
    return _PAGE_NUMBER.sub("", _TOC_LEADER.sub("", line)).strip()


def _bare(text: str) -> str:
    return "".join(text.split())


def _leader_toc(lines: list[str]) -> set[int]:
    """Lines with dot leaders and page numbers, including entries wrapped onto a second line."""
    leaders = [k for k, ln in enumerate(lines) if _TOC_LEADER.search(ln) and len(ln) <= 120]
    if not leaders:
        return set()
    skip: set[int] = set()
    title = next((k for k, ln in enumerate(lines) if _TOC_TITLE.match(ln.replace(" ", ""))), None)
    if title is not None and any(0 < k - title <= 4 for k in leaders):
        skip.add(title)
        previous = title
    else:
        previous = leaders[0] - 1
    for k in leaders:
        if k - previous > 4:  # a gap of prose: the contents have ended
            if k < previous:
                continue
            break
        skip.update(range(previous + 1, k + 1))
        previous = k
    return skip


def heading(line: str, kinds=None):
    """``(kind, number, title, rest)`` when the line opens a heading (of ``kinds``), else None."""
    return _heading(line, kinds)


def _heading(line: str, kinds=None):
    """``(kind, number, title, rest)`` when the line opens a heading, else None."""
    for kind, pattern in HEADINGS:
        if kinds and kind not in kinds:
            continue
        match = pattern.match(line)
        if not match:
            continue
        number, tail = match.group(1), match.group(2).strip()
        title, rest = _split_title(tail)
        if title is None or (not title and kind in ("subsection", "item", "point")):
            return None
        return kind, number.replace(" ", ""), title, rest
    return None


def _split_title(tail: str) -> tuple[str | None, str]:
    """A heading's title and any text run on after it ("（一）综合实力提升。“十三五”期间…")."""
    stop = tail.find("。")
    if 0 <= stop <= _MAX_TITLE and (stop + 1 < len(tail) or len(tail) <= _MAX_TITLE):
        return tail[:stop].strip(), tail[stop + 1 :].strip()
    if len(tail) <= _MAX_TITLE:
        return tail, ""
    return None, ""


class _Builder:
    """Builds the tree line by line, keeping a stack of open headings."""

    def __init__(self, promote: dict[str, str] | None = None) -> None:
        self.promote = promote or {}
        self.chapters: list[Chapter] = []
        self.passages: list[Passage] = []
        self.part: str | None = None
        self.stack: list[tuple[int, object, bool]] = []  # (level, node, actionable)
        self.tasks: list[tuple[object, Task, str]] = []  # (node, task, PLAIN | LEAD_IN | LEAD)

    def add(self, line: str) -> None:
        heading = _heading(line)
        if heading and self._open(self.promote.get(heading[0], heading[0]), *heading[1:3]):
            rest = heading[3]
            if rest:
                self._text(rest)
            return
        self._text(line)

    def _open(self, kind: str, number: str, title: str) -> bool:
        if kind == "part":
            self.part = f"{number} {title}".strip()
            self.stack = []
            return True
        level = LEVEL[kind]
        stack = [entry for entry in self.stack if entry[0] < level]
        parent = stack[-1][1] if stack else None
        node = _attach(kind, number, title, parent, self)
        if node is None:
            return False
        inherited = stack[-1][2] if stack else True
        actionable = inherited and not any(w in title for w in NON_ACTION_WORDS)
        self.stack = [*stack, (level, node, actionable)]
        return True

    def _text(self, text: str) -> None:
        if not self.stack:
            return
        _, node, actionable = self.stack[-1]
        node.text = f"{node.text}\n{text}" if node.text else text
        review = any(any(w in n.title for w in REVIEW_WORDS) for _, n, _ in self.stack)
        self.passages.append(Passage([n.number for _, n, _ in self.stack], text, review))
        if not actionable:
            return
        before, found = split_paragraph(text)
        if before and (found or not _NOT_A_MEASURE.match(before)):  # captions stand alone
            kind = LEAD_IN if found else PLAIN
            self._task(node, Task(code="", title=paragraph_title(before), text=before), kind)
        for title, body in found:
            self._task(node, Task(code="", title=title, text=body), LEAD)

    def _task(self, node, task: Task, kind: str) -> None:
        node.tasks.append(task)
        self.tasks.append((node, task, kind))

    def finish(self) -> None:
        """Drop the paragraph tasks that introduce rather than state measures, then code
        every task ``M1, M2, …`` in document order."""
        by_node: dict[int, list[tuple[Task, str]]] = {}
        for node, task, kind in self.tasks:
            by_node.setdefault(id(node), []).append((task, kind))
        intro = {id(task) for node, *_ in self.tasks for task in _introduction(node, by_node)}
        kept = []
        for node, task, _ in self.tasks:
            if id(task) in intro:
                node.tasks.remove(task)
            else:
                kept.append(task)
        for number, task in enumerate(kept, 1):
            task.code = f"M{number}"


#: How a task was found: a whole paragraph without a lead phrase, the sentences that open a
#: paragraph before its first lead phrase, or a lead phrase with the sentences it governs.
PLAIN, LEAD_IN, LEAD = "plain", "lead-in", "lead"


def _introduction(node, by_node: dict[int, list[tuple[Task, str]]]) -> list[Task]:
    """A heading's tasks that introduce what follows rather than state measures.

    With headings below it, all its text outside lead-phrase tasks (plain paragraphs and
    lead-ins) introduces them. Without, the plain paragraphs before its first paragraph with a
    lead phrase do; a lead-in shares its paragraph with measures and is one itself.
    """
    own = by_node[id(node)]
    if not _is_leaf(node):
        return [task for task, kind in own if kind != LEAD]
    first = next((k for k, (_, kind) in enumerate(own) if kind != PLAIN), 0)
    return [task for task, _ in own[:first]]


def _is_leaf(node) -> bool:
    """A heading with no headings below it: its text is the measures themselves."""
    return not any(getattr(node, kind, None) for kind in ("sections", "subsections", "items"))


def _attach(kind: str, number: str, title: str, parent, builder: _Builder):
    if kind == "chapter":
        node = Chapter(number=number, title=title, text="", part=builder.part)
        builder.chapters.append(node)
        return node
    if kind == "section" and isinstance(parent, Chapter):
        node = Section(number=number, title=title, text="")
        parent.sections.append(node)
        return node
    if kind == "subsection" and isinstance(parent, Chapter | Section):
        node = Subsection(number=number, title=title, text="")
        parent.subsections.append(node)
        return node
    if kind in ("item", "point") and isinstance(parent, Section | Subsection | Item):
        if kind == "item" and isinstance(parent, Item):
            return None
        node = Item(number=number, title=title, text="")
        parent.items.append(node)
        return node
    return None


def split_tasks(paragraph: str) -> list[tuple[str, str]]:
    """``(title, text)`` for each lead phrase in a paragraph and the sentences it governs."""
    return split_paragraph(paragraph)[1]


def split_paragraph(paragraph: str) -> tuple[str, list[tuple[str, str]]]:
    """The sentences before the paragraph's first lead phrase, and ``(title, text)`` for each lead
    phrase with the sentences it governs (a paragraph without a lead phrase is all lead-in).

    A lead phrase directly followed by another one heads a group; it is kept at the front of the
    next task's text rather than becoming a task without a body.
    """
    before = paragraph.strip()
    tasks: list[tuple[str, list[str], list[bool]]] = []  # title, sentences, [has a body]
    for match in re.finditer(r"[^。]*。|[^。]+$", paragraph):
        sentence = match.group().strip()
        if not sentence:
            continue
        lead = lead_phrase(sentence)
        if lead is not None and not tasks:
            before = paragraph[: match.start()].strip()
        if lead is not None:
            carry = tasks.pop()[1] if tasks and not tasks[-1][2][0] else []
            tasks.append((lead, [*carry, sentence], [False]))
        elif tasks:
            tasks[-1][1].append(sentence)
            tasks[-1][2][0] = True
    return before, [(title, "".join(body)) for title, body, _ in tasks]


def lead_phrase(sentence: str) -> str | None:
    """The lead phrase a sentence is (``强化学前教育资源供给。``, without 。), or None."""
    text = sentence.strip()
    if not text.endswith("。"):
        return None
    text = text[:-1].lstrip("—-－ ").strip()
    if not 2 <= len(text) <= _MAX_LEAD or _CLAUSE_MARK.search(text):
        return None
    if not re.search(r"[\u4e00-\u9fff]", text) or text[0] in "“‘《(（":
        return None
    if re.match(
        r"^(?:到|截至|截止|在|至)?(?:19|20)\d\d年", text
    ):  # a dated statement, not a measure
        return None
    return text


def paragraph_title(paragraph: str) -> str:
    """A plain paragraph's task title: its first clause (breaks inside quotes and brackets do not
    count), running on to the next clause when shorter than 6 characters ("从国际来看"), cut to
    30 characters ending in ``…``."""
    text = paragraph.strip().lstrip("—-－ ").strip()
    depth, end = 0, len(text)
    for k, char in enumerate(text):
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(depth - 1, 0)
        elif char in _CLAUSE_END and depth == 0 and k > 0:
            end = k
            if k >= _MIN_TASK_TITLE or char in _SENTENCE_END:
                break
    title = text[:end].strip() or text
    if len(title) > MAX_TASK_TITLE:
        title = title[: MAX_TASK_TITLE - 1] + "…"
    return title
