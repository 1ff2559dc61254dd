"""Footnotes of the indicator table: the marks in its cells and the notes printed under it.

Published tables flag a figure or a name with a mark (``60.6*``, ``8.2①``, ``67.9[1]``,
``城镇化率※``) and explain it in a note under the table (``注：*为2019年数据``,
``注：1.GDP按可比价格计算；2.…``) or in a last row of its own. The mark is not part of the
figure, but the note often says what the figure means (another year, another scope), so the
note is kept with the row it explains instead of being thrown away with the mark.
"""

from __future__ import annotations

import re

from planwatch.outline.document import Block, Paragraph, Table

_SYMBOLS = "*＊※†‡#＃"
_CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474))  # ①…⑳
#: A mark at the end of a cell (or before its unit): symbols, circled digits or ``[n]``, after
#: a figure, a closing bracket, ``%`` or a word. Superscript digits are not marks: ``m²``.
_MARK = re.compile(
    rf"(?<=[\w%〕\]］)）〉》”])\s*(?P<mark>[{_SYMBOLS}]+|[{_CIRCLED}]|[\[［]\d{{1,2}}[\]］])"
    rf"(?=\s*(?:[（(][^（）()]{{1,12}}[)）])?\s*$)"
)
#: The label that opens a note under a table.
_LABEL = re.compile(r"^\s*(?:注|备注|说明|注释)\s*(?P<num>\d{1,2})?\s*[:：]\s*")
#: What a note item can open with: a mark or a number (``*``, ``①``, ``[1]``, ``1.``, ``（1）``).
_ITEM_KEY = re.compile(
    rf"^\s*(?:(?P<sym>[{_SYMBOLS}]+)|(?P<circled>[{_CIRCLED}])"
    r"|[\[［(（]\s*(?P<bracketed>\d{1,2})\s*[\]］)）]|(?P<num>\d{1,2})\s*[.、．](?!\d))"
)
#: Where a note line holding several numbered notes is split.
_ITEM_SPLIT = re.compile(
    rf"(?<=[；;。])\s*(?=[{_CIRCLED}]|[\[［(（]\s*\d{{1,2}}\s*[\]］)）]|\d{{1,2}}\s*[.、．](?!\d))"
)
_MAX_NOTE_LINES = 12
_MAX_NOTE = 400


def strip_mark(cell: str) -> tuple[str, str | None]:
    """``60.6*`` → (``60.6``, ``*``); ``城镇化率①(%)`` → (``城镇化率(%)``, ``1``);
    a cell without a mark → (cell, None)."""
    found = _MARK.search(cell)
    if not found:
        return cell, None
    return cell[: found.start()] + cell[found.end() :], mark_key(found.group("mark"))


def mark_key(mark: str) -> str:
    """What a mark and a note item have in common: its style and symbol or number
    (``*`` → ``*``, ``①`` → ``c1``, ``[1]`` → ``b1``, ``1.`` → ``n1``)."""
    mark = mark.strip().replace("＊", "*").replace("＃", "#")
    if mark[0] in _CIRCLED:
        return f"c{_CIRCLED.index(mark[0]) + 1}"
    digits = re.sub(r"\D", "", mark)
    if digits:
        return f"b{int(digits)}" if mark[0] in "[［(（" else f"n{int(digits)}"
    return mark[0]


def is_note(text: str) -> bool:
    """A line (or a table row's first cell) that opens the table's notes."""
    return bool(_LABEL.match(text))


def note_items(lines: list[str]) -> list[str]:
    """The notes as separate items, their ``注：`` label removed:
    ``注：1.GDP按可比价格计算；2.〔〕内为五年累计数`` → two items."""
    items: list[str] = []
    for line in lines:
        label = _LABEL.match(line)
        body = line[label.end() :] if label else line
        if label and label.group("num"):
            body = f"{label.group('num')}.{body}"
        items.extend(p.strip().rstrip("；;") for p in _ITEM_SPLIT.split(body) if p.strip())
    return items


def notes_for(key: str, notes: list[str]) -> list[str]:
    """The notes a mark refers to: those opening with the same mark (``①`` → ``①…``), else
    with its number in another style (``①`` → ``1.…``); for a symbol, else those naming it
    (``注：带*的指标为2019年数据``)."""
    own = [n for n in notes if _item_key(n) == key]
    if own:
        return own
    if key[1:].isdigit():
        return [n for n in notes if (_item_key(n) or "")[1:] == key[1:]]
    return [n for n in notes if key in n.replace("＊", "*").replace("＃", "#")]


def notes_after(blocks: list[Block], table: Table) -> list[str]:
    """The note lines printed right after ``table``: a ``注：`` line (or a line opening with a
    mark) and the numbered or marked lines that follow it."""
    at = next((k for k, b in enumerate(blocks) if b is table), None)
    if at is None:
        return []
    lines: list[str] = []
    for block in blocks[at + 1 : at + 1 + _MAX_NOTE_LINES]:
        if not isinstance(block, Paragraph) or len(block.text) > _MAX_NOTE:
            break
        text = block.text.strip()
        opens = is_note(text) or _opens_with_mark(text)
        if not (opens if not lines else opens or _item_key(text)):
            break
        lines.append(text)
    return lines


def note_body(note: str) -> str:
    """A note item without the mark or number it opens with."""
    found = _ITEM_KEY.match(note)
    return note[found.end() :].strip() if found else note.strip()


def _opens_with_mark(text: str) -> bool:
    found = _ITEM_KEY.match(text)
    return bool(found and (found.group("sym") or found.group("circled")))


def _item_key(note: str) -> str | None:
    found = _ITEM_KEY.match(note)
    if not found:
        return None
    if found.group("sym"):
        return mark_key(found.group("sym"))
    if found.group("circled"):
        return mark_key(found.group("circled"))
    if found.group("bracketed"):
        return f"b{int(found.group('bracketed'))}"
    return f"n{int(found.group('num'))}"
