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

from planwatch.errors import InputError
from planwatch.outline.model import Plan

__all__ = ["Plan", "load_plan", "parse_outline", "sample_outline_path"]

SAMPLE_OUTLINE = "zibo-hitech-14th-fyp-outline.txt"


def parse_outline(path: str | os.PathLike[str]) -> Plan:
    """Read an outline file of any supported format into a plan."""
    from planwatch.outline.parse import plan_from_document
    from planwatch.outline.readers import read_document

    return plan_from_document(read_document(path), str(path))


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
        raise InputError(f"not valid JSON ({exc})", file=name) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("title"), str):
        raise InputError("JSON is not a plan: expected an object with a 'title'", file=name)
    for key in ("chapters", "indicators", "targets"):
        if not isinstance(raw.get(key, []), list):
            raise InputError(f"JSON plan field '{key}' must be a list", file=name)
    try:
        return Plan.from_dict(raw)
    except (TypeError, AttributeError) as exc:
        raise InputError(f"JSON plan has an unexpected shape ({exc})", file=name) from None
