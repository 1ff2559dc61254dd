"""Misread characters of headings set right by the document itself.

A scanned outline prints every heading twice, in the contents and over its chapter or
section, and OCR reads each separately and seldom makes the same mistake twice. Where a heading
differs from another passage of the document in exactly one character, the character that fits
the document better wins: the one whose pairs with its neighbours occur more often in the whole
text (``发展`` against ``发民``). No word list is involved; the only evidence is the document.
Table cells are left alone: a short cell one character off another passage is as likely another
word (``创新驱动``, ``创新活动``); and a misreading the model makes every time is beyond it.
"""

from __future__ import annotations

import re
from collections import Counter

from planwatch.outline.document import Block, Paragraph, Table

_CJK = re.compile(r"[\u4e00-\u9fff]")
#: Headings shorter than this (numbering included) are not compared.
_MIN_LENGTH = 6
_MAX_LENGTH = 60


def agree_with_document(blocks: list[Block], heading: re.Pattern) -> list[Block]:
    """The paragraphs ``heading`` matches, each with a character another reading in the
    document gives more plausibly put right."""
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    # a merged cell repeats down its rows: each table's cell texts count once
    texts += sorted({c for b in blocks if isinstance(b, Table) for row in b.rows for c in row})
    corpus = "\n".join(texts)
    pairs = Counter(corpus[k : k + 2] for k in range(len(corpus) - 1))
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph) and heading.match(block.text):
            block = Paragraph(agreed(block.text, corpus, pairs), block.page)
        out.append(block)
    return out


def agreed(value: str, corpus: str, pairs: Counter) -> str:
    """``value`` with each character that another passage of ``corpus`` (otherwise the same)
    has differently replaced where that one's neighbour pairs are more frequent."""
    if not _MIN_LENGTH <= len(value) <= _MAX_LENGTH:
        return value
    text = value
    for k, ch in enumerate(value):
        if not _CJK.match(ch):
            continue
        pattern = re.escape(text[:k]) + "([\u4e00-\u9fff])" + re.escape(text[k + 1 :])
        others = {m.group(1) for m in re.finditer(pattern, corpus)} - {ch}
        if not others:
            continue

        def fit(c: str, k: int = k, text: str = text) -> int:
            before = pairs[text[k - 1] + c] if k > 0 else 0
            after = pairs[c + text[k + 1]] if k + 1 < len(text) else 0
            return before + after

        best = max(sorted(others), key=fit)
        if fit(best) > fit(ch):
            text = text[:k] + best + text[k + 1 :]
    return text
