"""From a read document to a :class:`~planwatch.outline.model.Plan`: the steps in order."""

from __future__ import annotations

from planwatch.errors import InputError, text
from planwatch.outline.boxes import find_boxes
from planwatch.outline.document import Document, Paragraph
from planwatch.outline.indicators import find_indicator_table
from planwatch.outline.metadata import plan_years, read_metadata
from planwatch.outline.model import Plan
from planwatch.outline.reading_report import reading_warnings
from planwatch.outline.restatements import link_restatements
from planwatch.outline.structure import read_structure, toc_lines
from planwatch.outline.tables import lift_text_tables
from planwatch.outline.targets import find_targets
from planwatch.outline.words import find_word_targets


def plan_from_document(document: Document, name: str = "") -> Plan:
    """Tables first (so their cells are not read as prose), then structure, metadata, numbers."""
    blocks = lift_text_tables(document.blocks)
    outline = read_structure(blocks)
    if not outline.chapters:
        raise InputError(
            text(
                "outline.no_structure",
                "未找到规划结构：规划纲要需要“第一章 …”这样的章标题（其下可有“第X节”和“一、”），"
                "或至少有“一、…”和“二、…”",
                "no plan structure found: an outline needs chapter headings such as "
                "'第一章 …' (with 第X节 sections and 一、 subsections), "
                "or at least '一、…' and '二、…'",
            ),
            file=name,
        )
    meta = read_metadata(outline.front)
    base_year, target_year = plan_years(meta.title, outline.body)
    table = find_indicator_table(blocks, base_year, target_year)
    if table is not None:
        base_year = table.baseline_year or base_year
        target_year = table.target_year or target_year
    indicators = table.indicators if table else []
    unpaired: list = []
    targets = find_targets(outline.passages, base_year, target_year, unpaired)
    link_restatements(targets, indicators)
    plan = Plan(
        title=meta.title or outline.chapters[0].title,
        document_number=meta.document_number,
        issuer=meta.issuer,
        base_year=base_year,
        target_year=target_year,
        issued_on=meta.issued_on,
        published_on=meta.published_on,
        chapters=outline.chapters,
        indicators=indicators,
        targets=targets,
        indicator_notes=table.notes if table else [],
        word_targets=find_word_targets(outline.passages, table.notes if table else [], indicators),
        boxes=find_boxes(blocks, _contents(blocks)),
        warnings=reading_warnings(
            outline.body,
            indicators,
            targets,
            unreadable=table.unreadable if table else [],
            table_title=table.title if table else "主要指标表",
            unpaired=unpaired,
        ),
    )
    if any(getattr(b, "page", None) is not None or getattr(b, "cells", None) for b in blocks):
        from planwatch.outline.ocr.review import attach_ocr

        attach_ocr(plan, blocks)  # cells, pages and warnings from what OCR read
    return plan


def _contents(blocks) -> set[str]:
    """The table-of-contents lines (their headings are not where anything sits)."""
    lines = [b.text for b in blocks if isinstance(b, Paragraph)]
    return {lines[k] for k in toc_lines(lines)}
