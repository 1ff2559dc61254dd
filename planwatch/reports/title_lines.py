"""Breaking a document title into lines the way GB/T 9704-2012 §7.3.3 asks: 词意完整，排列对称.

A title is cut only between words: before a word that opens a phrase of a plan title (国民经济,
第十四个五年规划, 实施, 中期评估报告 …), after a closing 》, after a year (2023年), or — inside a
long name — after the level of government (区, 市, 县 …). Of the ways to cut it into the fewest
lines that fit, the one chosen is the most even that makes a 梯形 (each line at least as long as
the one above) or a 菱形 (the middle line longest); an inverted shape only when nothing else fits.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations, pairwise

#: Characters of 2号 title text a line of the 156 mm text area holds (442 pt / 22 pt).
TITLE_CHARS = 20

#: A line may start with these phrases (a cut is allowed before them).
_STARTS = (
    "国民经济", "第十", "第九", "第八", "第七", "第六", "和二〇三五年", "和2035年",
    "远景目标", "实施", "中期评估", "年度监测", "监测报告", "评估报告", "总结评估", "情况",
)  # fmt: skip
#: Places in a long name where a cut is allowed after the character.
_LEVELS = "省市县区州盟旗镇乡"
_YEAR = re.compile(r"\d{4}年")


def title_lines(title: str, width: int = TITLE_CHARS) -> list[str]:
    """``title`` cut into lines of at most ``width`` characters, between words only."""
    return list(_lines(title.strip(), width))


def cut_points(title: str) -> list[int]:
    """The positions where a line may end (indices into ``title``)."""
    points = set()
    for word in _STARTS:
        for m in re.finditer(re.escape(word), title):
            points.add(m.start())
    for m in _YEAR.finditer(title):
        points.add(m.end())
    for i, ch in enumerate(title):
        if ch == "》":
            points.add(i + 1)
        elif ch == "《":
            points.add(i)
    # inside a name (no other cut for a while): after the level of government
    for i, ch in enumerate(title[:-1]):
        if ch in _LEVELS and title[i + 1] not in "》":
            points.add(i + 1)
    # never leave an opening 《 at a line's end or a closing 》 at a line's start
    points = {p for p in points if 0 < p < len(title)}
    points = {p for p in points if title[p - 1] != "《" and title[p] != "》"}
    return sorted(points)


@lru_cache(maxsize=32)
def _lines(title: str, width: int) -> tuple[str, ...]:
    if len(title) <= width:
        return (title,)
    points = cut_points(title)
    for count in range(2, 6):
        best: tuple[float, tuple[str, ...]] | None = None
        for cuts in combinations(points, count - 1):
            bounds = (0, *cuts, len(title))
            lines = tuple(title[a:b] for a, b in pairwise(bounds))
            if any(len(line) > width for line in lines):
                continue
            score = _unevenness(lines) + (0 if _symmetric(lines) else 100)
            if best is None or score < best[0]:
                best = (score, lines)
        if best is not None:
            return best[1]
    # no cut fits: fall back to plain widths rather than overflow the line
    return tuple(title[i : i + width] for i in range(0, len(title), width))


def _symmetric(lines: tuple[str, ...]) -> bool:
    """梯形 (lines grow downwards) or 菱形 (the middle one is longest)."""
    lengths = [len(line) for line in lines]
    if all(a <= b for a, b in pairwise(lengths)):
        return True
    peak = lengths.index(max(lengths))
    rising = all(a <= b for a, b in pairwise(lengths[: peak + 1]))
    falling = all(a >= b for a, b in pairwise(lengths[peak:]))
    return 0 < peak < len(lengths) - 1 and rising and falling


def _unevenness(lines: tuple[str, ...]) -> float:
    lengths = [len(line) for line in lines]
    mean = sum(lengths) / len(lengths)
    return sum((n - mean) ** 2 for n in lengths)
