"""A heuristic detector of English sentences in what a Chinese page shows a person.

Visible text only: tags, scripts, styles, ``<code>``/``<pre>`` and attribute values other than
the ones a person reads (title, alt, placeholder, aria-label, value of buttons) are left out.
A sentence is three or more Latin words in a row with at least one English function word
("No Observation matches the given query", "CSRF Failed: Origin checking failed", "This field
is required."); names (planwatch, Excel, GB/T 9704, a unit like "km/h") never qualify.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

#: Words that almost never appear in a Chinese page except inside an English sentence.
_FUNCTION_WORDS = """a an the is are was were be been not no of to for with this that these
    those must may
    can cannot could should would will please you your has have had does did do matches found
    failed failure invalid required expected enter given than into only while when which there
    its it by on or and at from none"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
_WORD = r"[A-Za-z][A-Za-z'’]*"
_SENTENCE = re.compile(rf"{_WORD}(?:[ ,.:;%0-9\-–—/()\"“”]+{_WORD}){{2,}}")
_READ_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label"}
_HIDDEN_TAGS = {"script", "style", "code", "pre", "template", "svg", "math"}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        attributes = dict(attrs)
        for name in _READ_ATTRIBUTES:
            if attributes.get(name):
                self.parts.append(attributes[name])
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self.parts.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in _HIDDEN_TAGS and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return "\n".join(part for part in parser.parts if part.strip())


def json_text(body: str) -> str:
    """Every string value of a JSON answer (messages); keys and field names are code."""
    out: list[str] = []

    def walk(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)

    walk(json.loads(body))
    return "\n".join(out)


def english_sentences(text: str) -> list[str]:
    found = []
    for match in _SENTENCE.finditer(text):
        words = re.findall(_WORD, match.group())
        if any(w.lower() in FUNCTION_WORDS for w in words):
            found.append(match.group())
    return found
