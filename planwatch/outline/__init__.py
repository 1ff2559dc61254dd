"""Reading a published plan outline into a structured :class:`~planwatch.outline.model.Plan`.

``parse_outline`` reads any supported outline file (.txt, .docx, .html, .pdf);
``load_plan`` also accepts the JSON that ``planwatch outline parse --json`` prints.
Both raise :class:`planwatch.errors.InputError` on input they cannot use.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

from planwatch.errors import InputError, text
from planwatch.outline.model import Plan

__all__ = ["Plan", "load_plan", "parse_outline", "parse_outline_bytes", "sample_outline_path"]

SAMPLE_OUTLINE = "zibo-hitech-14th-fyp-outline.txt"


def parse_outline(path: str | os.PathLike[str]) -> Plan:
    """Read an outline file of any supported format into a plan."""
    from planwatch.outline.readers import read_bytes

    return parse_outline_bytes(read_bytes(path), str(path))


def parse_outline_bytes(data: bytes, name: str) -> Plan:
    """Read an outline from its bytes (an upload); ``name`` names it in messages and picks
    nothing: the format is sniffed from the content."""
    from planwatch.outline.parse import plan_from_document
    from planwatch.outline.readers import document_from_bytes

    return plan_from_document(document_from_bytes(data, name), name)


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """A plan from its JSON form (``outline parse --json``) or from any outline file."""
    from planwatch.outline.readers import read_bytes

    data = read_bytes(path)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return _plan_from_json(data, str(path))
    return parse_outline(path)


def sample_outline_path() -> Path:
    """The bundled sample outline (the built-in sample plan)."""
    return Path(str(resources.files("planwatch"))) / "data" / "sample" / SAMPLE_OUTLINE


def _plan_from_json(data: bytes, name: str) -> Plan:
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(
            text(
                "outline.bad_json",
                "不是有效的 JSON（{detail}）",
                "not valid JSON ({detail})",
                detail=exc,
            ),
            file=name,
        ) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("title"), str):
        raise InputError(
            text(
                "outline.json_not_plan",
                "该 JSON 不是规划：应为带 “title” 字段的对象",
                "JSON is not a plan: expected an object with a 'title'",
            ),
            file=name,
        )
    for key in ("chapters", "indicators", "targets"):
        if not isinstance(raw.get(key, []), list):
            raise InputError(
                text(
                    "outline.json_field_list",
                    "JSON 规划的 “{key}” 字段必须是列表",
                    "JSON plan field '{key}' must be a list",
                    key=key,
                ),
                file=name,
            )
    try:
        return Plan.from_dict(raw)
    except (TypeError, AttributeError) as exc:
        raise InputError(
            text(
                "outline.json_shape",
                "JSON 规划的结构不符合要求（{detail}）",
                "JSON plan has an unexpected shape ({detail})",
                detail=exc,
            ),
            file=name,
        ) from None
