"""Errors a user can act on, in Chinese (the default) and English.

Every message the core writes for a person is a :class:`Text`: both languages side by side, with
the figures as parameters, so that the web layer renders it in the user's language and the CLI in
the terminal's. ``str()`` of an error is its Chinese form. The CLI prints one line and exits 2.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def is_english(language: str | None) -> bool:
    """True for an English language code ("en", "en-us"); everything else reads Chinese."""
    return bool(language) and language.lower().startswith("en")


def terminal_language() -> str:
    """The CLI's language: English when LC_ALL / LC_MESSAGES / LANG names English, else Chinese."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "en" if is_english(value) else "zh-hans"
    return "zh-hans"


def for_terminal(zh: str, en: str) -> str:
    """A help text or word of the command line in the terminal's language."""
    return en if terminal_language() == "en" else zh


@dataclass(frozen=True)
class Text:
    """A message in both languages. ``zh`` and ``en`` are ``str.format`` templates."""

    zh: str
    en: str
    params: Mapping[str, Any] = field(default_factory=dict)
    #: Stable identifier for tests, the API and translations ("outline.no_structure").
    code: str = ""

    def render(self, language: str | None = None) -> str:
        template = self.en if is_english(language) else self.zh
        return template.format(**self.params) if self.params else template

    def __str__(self) -> str:
        return self.render()


def text(code: str, zh: str, en: str, **params: Any) -> Text:
    """A coded message in both languages; ``params`` fill both templates."""
    return Text(zh=zh, en=en, params=params, code=code)


class PlanwatchError(Exception):
    """Bad input or a request that cannot be met; the message says what and what is accepted."""

    exit_status = 2

    def __init__(self, message: str | Text) -> None:
        self.text = message if isinstance(message, Text) else Text(message, message)
        super().__init__(self.render())

    @property
    def code(self) -> str:
        return self.text.code

    def render(self, language: str | None = None) -> str:
        return self.text.render(language)


class InputError(PlanwatchError):
    """A problem in a named input file, optionally at a row, column or sheet."""

    def __init__(
        self,
        message: str | Text,
        *,
        file: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file, self.sheet, self.row, self.column = file, sheet, row, column
        super().__init__(message)

    @property
    def reason(self) -> str:
        """The message without its location, in Chinese."""
        return self.text.render()

    def reason_in(self, language: str | None) -> str:
        return self.text.render(language)

    def location(self, language: str | None = None) -> str:
        """Where the problem is: "文件 a.csv，第 3 行，C 列" or "a.csv, row 3, column C"."""
        english = is_english(language)
        parts: list[str] = []
        if self.file:
            parts.append(self.file if english else f"文件 {self.file}")
        if self.sheet:
            parts.append(f"sheet {self.sheet}" if english else f"工作表“{self.sheet}”")
        if self.row is not None:
            parts.append(f"row {self.row}" if english else f"第 {self.row} 行")
        if self.column:
            parts.append(f"column {self.column}" if english else f"{self.column} 列")
        return (", " if english else "，").join(parts)

    def render(self, language: str | None = None) -> str:
        where = self.location(language)
        reason = self.text.render(language)
        if not where:
            return reason
        return f"{where}: {reason}" if is_english(language) else f"{where}：{reason}"
