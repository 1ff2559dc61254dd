"""Ruling lines of a table in an image, and the (merged) cells they enclose.

A rule is a long straight run of thin-line pixels (darker than the pixels a few steps either
side, so a shaded header or a title bar is not mistaken for one): horizontal runs at least
``_MIN_RULE`` of the image's width, vertical ones of its height. The grid is
every distinct rule position; two neighbouring grid cells are one merged cell where no rule
separates them (a category label over several rows, a row label across two name columns), so
merged category cells, sub-rows under one name and multi-line cells come out as printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is loaded only when a picture is read
    import numpy as np


#: ... by at least this many grey levels.
_CONTRAST = 14
#: A horizontal rule runs at least this fraction of the width (vertical: of the height) ...
_MIN_RULE = 0.06
#: ... and at least this many pixels; text strokes are shorter.
_MIN_RULE_PX = 40
#: Vertical rules down to this length count where they run from rule to rule.
_MIN_SHORT_RULE = 10
#: Rows (columns) of rule pixels this close are one rule.
_JOIN = 3
#: A line pixel is darker than the pixels this far on either side of it (so rules up to
#: ``2 * _REACH - 1`` pixels thick count).
_REACH = 3
#: Where a rule crosses another, neither is a thin line for a few pixels: gaps this wide are
#: bridged.
_BRIDGE = 2 * _REACH + 2
#: ... but a rule is solid (line or dark pixels) along this fraction; bridged glyph strokes,
#: with paper between them, are not.
_FILL = 0.88
#: Rule positions this close (pixels) are the same grid line.
_SNAP = 6
#: A boundary counts as ruled where rules cover this fraction of it.
_COVER = 0.8


@dataclass(frozen=True)
class Rule:
    at: float  # y of a horizontal rule, x of a vertical one
    start: int
    end: int


@dataclass(frozen=True, order=True)
class Cell:
    """A (merged) cell: grid rows ``row``..``row_end`` and columns ``col``..``col_end``
    (exclusive ends), and its box in pixels inside the rules."""

    row: int
    col: int
    row_end: int
    col_end: int
    box: tuple[int, int, int, int]  # left, top, right, bottom


@dataclass(frozen=True)
class Grid:
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[Cell, ...]

    @property
    def box(self) -> tuple[int, int, int, int]:
        return int(self.xs[0]), int(self.ys[0]), int(self.xs[-1]), int(self.ys[-1])


def line_mask(gray: np.ndarray, vertical: bool = False) -> np.ndarray:
    """Pixels of thin lines: darker than the pixels ``_REACH`` above and below (left and right,
    for vertical lines), or lighter than both (white rules on a shaded header). A filled
    background (a shaded header, a title bar) is not a line."""
    import numpy as np

    g = gray.astype(np.int16)
    if vertical:
        g = g.T
    d = _REACH
    above, below = g[: -2 * d], g[2 * d :]
    core = (g[d:-d] < np.minimum(above, below) - _CONTRAST) | (
        g[d:-d] > np.maximum(above, below) + _CONTRAST
    )
    mask = np.zeros(g.shape, dtype=bool)
    mask[d:-d] = core
    return mask


def find_grids(gray: np.ndarray) -> list[Grid]:
    """The ruled tables in a greyscale image, top to bottom (none where it has no rules)."""
    import numpy as np

    height, width = gray.shape
    if min(height, width) < 4 * _REACH:
        return []
    dark = gray < float(np.median(gray)) - _CONTRAST
    horizontal = _rules(line_mask(gray), dark, max(_MIN_RULE_PX, int(_MIN_RULE * width)))
    long = max(_MIN_RULE_PX, int(_MIN_RULE * height))
    candidates = _rules(line_mask(gray, True), dark.T, _MIN_SHORT_RULE)
    longs = [v for v in candidates if v.end - v.start >= long]
    ends = [e for v in longs for e in (v.start, v.end)]
    vertical = [
        v
        for v in candidates
        if v.end - v.start >= long
        or (any(abs(v.at - w.at) <= _SNAP for w in longs) and _between_rules(v, horizontal, ends))
    ]
    grids = []
    for hs, vs in _tables(horizontal, vertical):
        grid = _grid(hs, vs)
        if grid is not None:
            grids.append(grid)
    return sorted(grids, key=lambda g: g.ys[0])


def _rules(mask: np.ndarray, dark: np.ndarray, min_len: int) -> list[Rule]:
    """Long runs in each row of ``mask``, joined across neighbouring rows. A run may bridge
    short gaps where its pixels are still ``dark`` (another rule crossing it), not paper."""
    import numpy as np

    runs: list[tuple[int, int, int]] = []  # row, start, end
    for y in np.nonzero(mask.sum(axis=1) >= min_len)[0]:
        row = np.concatenate(([0], mask[y].view(np.int8), [0]))
        edges = np.flatnonzero(np.diff(row))
        pieces: list[list[int]] = []
        for start, end in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
            if pieces and start - pieces[-1][1] <= _BRIDGE:  # a crossing rule breaks the line
                pieces[-1][1] = end
            else:
                pieces.append([start, end])
        solid = mask[y] | dark[y]
        runs += [
            (int(y), a, b)
            for a, b in pieces
            if b - a >= min_len and solid[a:b].sum() >= _FILL * (b - a)
        ]
    bands: list[list[tuple[int, int, int]]] = []
    active: list[list[tuple[int, int, int]]] = []  # bands that reach the rows just above
    for run in runs:
        active = [band for band in active if run[0] - band[-1][0] <= _JOIN]
        for band in active:
            last = band[-1]
            if last[0] < run[0] and run[1] < last[2] and last[1] < run[2]:
                band.append(run)
                break
        else:
            bands.append([run])
            active.append(bands[-1])
    return [
        Rule(
            (band[0][0] + band[-1][0]) / 2,
            min(r[1] for r in band),
            max(r[2] for r in band),
        )
        for band in bands
    ]


def _between_rules(v: Rule, horizontal: list[Rule], ends: list[float]) -> bool:
    """A short vertical rule (one header cell high) runs from a horizontal rule (or the end of a
    long vertical one: the table's edge) to another, and, as the caller checks, stands in line
    with a long one; a glyph's stroke floats inside its cell."""

    def meets(y: float) -> bool:
        return any(abs(e - y) <= _REACH + 1 for e in ends) or any(
            abs(h.at - y) <= _REACH + 1 and h.start - _SNAP <= v.at <= h.end + _SNAP
            for h in horizontal
        )

    return meets(v.start) and meets(v.end)


def _tables(horizontal: list[Rule], vertical: list[Rule]):
    """Groups of rules that touch each other: one group per table."""
    parent = list(range(len(horizontal) + len(vertical)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            crosses = h.start - _SNAP <= v.at <= h.end + _SNAP
            if crosses and v.start - _SNAP <= h.at <= v.end + _SNAP:
                parent[find(i)] = find(len(horizontal) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(find(len(horizontal) + j), ([], []))[1].append(v)
    for hs, vs in groups.values():
        if len(hs) >= 3 and len(vs) >= 1:
            yield hs, vs


def _positions(values: list[float]) -> list[float]:
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= _SNAP:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(group) / len(group) for group in out]


def _grid(hs: list[Rule], vs: list[Rule]) -> Grid | None:
    left = min(h.start for h in hs)
    right = max(h.end for h in hs)
    top = min(min(h.at for h in hs), min(v.start for v in vs))
    bottom = max(max(h.at for h in hs), max(v.end for v in vs))
    xs = _positions([left, right, *(v.at for v in vs)])
    ys = _positions([top, bottom, *(h.at for h in hs)])
    if len(xs) < 2 or len(ys) < 3:
        return None
    rows, cols = len(ys) - 1, len(xs) - 1

    def ruled_h(k: int, c: int) -> bool:  # rule at ys[k] over column c
        a, b = xs[c], xs[c + 1]
        cover = sum(
            max(0.0, min(b, h.end) - max(a, h.start)) for h in hs if abs(h.at - ys[k]) <= _SNAP
        )
        return k in (0, rows) or cover >= _COVER * (b - a)

    def ruled_v(k: int, r: int) -> bool:  # rule at xs[k] over row r
        a, b = ys[r], ys[r + 1]
        cover = sum(
            max(0.0, min(b, v.end) - max(a, v.start)) for v in vs if abs(v.at - xs[k]) <= _SNAP
        )
        return k in (0, cols) or cover >= _COVER * (b - a)

    parent = list(range(rows * cols))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not ruled_v(c + 1, r):
                parent[find(r * cols + c)] = find(r * cols + c + 1)
            if r + 1 < rows and not ruled_h(r + 1, c):
                parent[find(r * cols + c)] = find((r + 1) * cols + c)
    spans: dict[int, list[int]] = {}
    for r in range(rows):
        for c in range(cols):
            span = spans.setdefault(find(r * cols + c), [r, c, r + 1, c + 1])
            span[0], span[1] = min(span[0], r), min(span[1], c)
            span[2], span[3] = max(span[2], r + 1), max(span[3], c + 1)
    cells = sorted(
        Cell(r0, c0, r1, c1, (int(xs[c0]), int(ys[r0]), int(xs[c1]), int(ys[r1])))
        for r0, c0, r1, c1 in spans.values()
    )
    return Grid(tuple(xs), tuple(ys), tuple(cells))
