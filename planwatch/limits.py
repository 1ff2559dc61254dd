"""How much of an uploaded file planwatch reads before it refuses it, and the zip guard.

One 183 KB workbook can unpack to 50 MB and, read naively, grow a worker to gigabytes. Every
reader of untrusted files therefore reads in streaming mode against a :class:`Limits`: rows and
columns per sheet, filled cells per workbook, characters per cell, bytes decompressed from a zip
archive (counted while decompressing, not taken from the archive's own declaration) and a time
budget. Exceeding one is an :class:`~planwatch.errors.InputError` that names the limit and the
file. The defaults suit any real plan many times over; each is set by an environment variable
(documented in docs/assessment-format.md, "File limits").
"""

from __future__ import annotations

import os
import time
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import IO

from planwatch.errors import InputError, text

#: field → (environment variable, unit the variable is given in: bytes are given in MB)
ENVIRONMENT: dict[str, str] = {
    "rows": "PLANWATCH_UPLOAD_MAX_ROWS",
    "columns": "PLANWATCH_UPLOAD_MAX_COLUMNS",
    "cells": "PLANWATCH_UPLOAD_MAX_CELLS",
    "text": "PLANWATCH_UPLOAD_MAX_CELL_CHARS",
    "unpacked_bytes": "PLANWATCH_UPLOAD_MAX_UNPACKED_MB",
    "seconds": "PLANWATCH_UPLOAD_SECONDS",
}
_CHUNK = 1 << 16


@dataclass(frozen=True)
class Limits:
    """The most one uploaded file may hold; see the module docstring."""

    rows: int = 5_000  # per sheet: a plan has a few hundred items
    columns: int = 64  # per sheet
    cells: int = 200_000  # filled cells in the whole workbook
    text: int = 5_000  # characters in one cell
    unpacked_bytes: int = 64 * 1024 * 1024  # decompressed from a .xlsx / .docx in total
    seconds: float = 10.0  # reading one file

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The defaults, each overridden by its environment variable where that is set."""
        environ = os.environ if environ is None else environ
        given = {}
        for f in fields(cls):
            raw = environ.get(ENVIRONMENT[f.name], "").strip()
            if not raw:
                continue
            try:
                number = float(raw)
            except ValueError:
                raise InputError(
                    text(
                        "limits.bad_setting",
                        "环境变量 {name} 应为数字，实为“{raw}”",
                        "the environment variable {name} must be a number, not “{raw}”",
                        name=ENVIRONMENT[f.name],
                        raw=raw,
                    )
                ) from None
            if f.name == "unpacked_bytes":
                number *= 1024 * 1024
            given[f.name] = number if f.name == "seconds" else int(number)
        return cls(**given)

    def clock(self, file: str | None) -> Clock:
        return Clock(self.seconds, file)


class Clock:
    """The time budget of reading one file; :meth:`check` refuses once it is spent."""

    def __init__(self, seconds: float, file: str | None) -> None:
        self.seconds, self.file = seconds, file
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise over_limit(
                self.file,
                "seconds",
                "读取超过 {limit} 秒的时间上限，文件过大或过于复杂",
                "reading took longer than the {limit} s limit; the file is too large or complex",
                limit=f"{self.seconds:g}",
            )


class LimitExceeded(InputError):
    """A file over one of its limits: reading stops here, whatever else would be collected."""


def over_limit(file: str | None, which: str, zh: str, en: str, **params) -> LimitExceeded:
    """The refusal of a file over one of its limits (``which`` is the Limits field)."""
    return LimitExceeded(
        text(f"limits.{which}", zh, en, setting=ENVIRONMENT.get(which, ""), **params), file=file
    )


class UnpackBudget:
    """Counts the bytes decompressed from one archive; refuses past the limit or the time."""

    def __init__(self, limits: Limits, file: str | None, clock: Clock | None = None) -> None:
        self.limit, self.file = limits.unpacked_bytes, file
        self.clock = clock or limits.clock(file)
        self.used = 0

    def spend(self, n: int) -> None:
        self.used += n
        if self.used > self.limit:
            raise over_limit(
                self.file,
                "unpacked_bytes",
                "解压后超过 {limit} MB 的上限（可能是压缩炸弹）",
                "unpacks to more than the {limit} MB limit (a zip bomb?)",
                limit=f"{self.limit / 1048576:g}",
            )
        self.clock.check()

    def open(self, archive: zipfile.ZipFile, name: str) -> IO[bytes]:
        """A member of ``archive`` whose reads are counted against this budget."""
        return _CountedMember(archive.open(name), self)


class _CountedMember:
    """A zip member read in chunks; each chunk is paid for before it is handed on."""

    def __init__(self, raw: IO[bytes], budget: UnpackBudget) -> None:
        self.raw, self.budget = raw, budget

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            parts = []
            while chunk := self.read(_CHUNK):
                parts.append(chunk)
            return b"".join(parts)
        chunk = self.raw.read(min(n, _CHUNK))
        self.budget.spend(len(chunk))
        return chunk

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> _CountedMember:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def check_archive(data: IO[bytes], limits: Limits, file: str | None) -> None:
    """Decompress every member of a zip archive (.docx, .xlsx) once, counting what comes out.

    For files planwatch stores or hands to a library that reads them whole (python-docx): the
    bytes are measured while decompressing, so a member that unpacks to more than it declares
    is caught as surely as an honest large one. Not a zip archive: nothing to check here.
    """
    budget = UnpackBudget(limits, file)
    try:
        archive = zipfile.ZipFile(data)
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    with archive:
        for info in archive.infolist():
            try:
                with budget.open(archive, info.filename) as member:
                    while member.read(_CHUNK):
                        pass
            except (
                zipfile.BadZipFile,
                OSError,
                ValueError,
                EOFError,
                RuntimeError,
                NotImplementedError,
            ):
                continue  # a damaged member: the reader that needs it says so in its words
