"""Charts for the Word report, drawn with matplotlib in a CJK font and returned as PNG bytes.

Chinese labels need a font that has the glyphs; Debian's fonts-noto-cjk provides one. Where no
such font is installed, :func:`find_cjk_font` returns None and the report says, in place of each
chart, which package to install — a chart of empty boxes would be worse than none.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from planwatch.assess.model import ItemAssessment
from planwatch.assess.status import STATUSES
from planwatch.reports.wording import percent

log = logging.getLogger(__name__)

#: Tried in order; the first the system has is used.
CJK_FONT_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Microsoft YaHei",
)
MISSING_FONT_NOTE = (
    "（图表未生成：系统中没有可用的中文字体。请安装 Debian 软件包 fonts-noto-cjk 后重新生成报告。）"
)
WIDTH_IN, DPI = 6.1, 150  # 155 mm wide: the text area is 156 mm


def find_cjk_font(families: Sequence[str] = CJK_FONT_FAMILIES) -> str | None:
    """The first installed family from ``families`` (matplotlib's own font lookup), or None."""
    from matplotlib import font_manager

    for family in families:
        try:
            path = font_manager.findfont(
                font_manager.FontProperties(family=family), fallback_to_default=False
            )
        except ValueError:
            continue
        log.debug("chart font %s from %s", family, path)
        return family
    log.warning("no CJK font found among %s; charts are left out", ", ".join(families))
    return None


def status_chart(items: Sequence[ItemAssessment], family: str) -> bytes:
    """How many items have each status: one bar per status present, in the status colour."""
    counts = [(s, sum(1 for i in items if i.status == s.code)) for s in STATUSES]
    counts = [(s, n) for s, n in reversed(counts) if n]
    with _cjk(family):
        labels = [s.label_zh for s, _ in counts]
        fig, ax = _figure(0.45 * max(len(counts), 2) + 0.9, labels, label_size=10)
        values = [n for _, n in counts]
        bars = ax.barh(labels, values, color=[s.colour for s, _ in counts])
        ax.bar_label(bars, labels=[f"{n}项" for n in values], padding=3)
        ax.set_xlabel("项数")
        ax.set_xlim(0, max(values, default=1) * 1.2 + 0.5)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_title("主要指标和目标进展状态分布")
        return _png(fig)


@dataclass(frozen=True)
class ProgressBar:
    """One bar of the progress chart: the true share, the item's own time share, the label."""

    item: ItemAssessment
    share: float  # percent, uncapped
    time_share: float | None  # percent
    label: str  # as the text and the table write it


def progress_bars(items: Sequence[ItemAssessment]) -> list[ProgressBar]:
    """The bars, bottom to top: every item with a completion share, at its true figure."""
    return [
        ProgressBar(
            i,
            i.completion_share * 100,
            i.time_share * 100 if i.time_share is not None else None,
            percent(i.completion_share),
        )
        for i in reversed(items)
        if i.completion_share is not None
    ]


def progress_chart(items: Sequence[ItemAssessment], family: str) -> bytes:
    """Each item's completion share, at its true figure, beside its own time share.

    Items are judged at different years (a figure for 2022 against 40 %, one for 2023 against
    60 %), so each bar carries its own time-share marker instead of one line for all; the axis
    reaches the largest true share (no bar is capped) and each label sits to the right of both
    the bar and its marker, where no line can strike it.
    """
    bars_data = progress_bars(items)
    judged = [b.item for b in bars_data]
    shares = [b.share for b in bars_data]
    times = [b.time_share for b in bars_data]
    with _cjk(family):
        names = [_short(i.name) for i in judged]
        fig, ax = _figure(0.2 * max(len(judged), 3) + 1.1, names, label_size=7)
        bars = ax.barh(names, shares, color=[_colour(i.status) for i in judged], height=0.6)
        marked = [(n, t) for n, t in enumerate(times) if t is not None]
        if marked:
            ax.scatter(
                [t for _, t in marked],
                [n for n, _ in marked],
                marker="|",
                s=220,
                linewidths=2,
                color="#222222",
                zorder=3,
                label="时间进度",
            )
            ax.legend(loc="lower right", bbox_to_anchor=(1, 1), fontsize=8, frameon=False)
        reach = [max(s, t or 0) for s, t in zip(shares, times, strict=True)]
        span = max([100.0, *reach])
        for bar, shown, end in zip(bars, bars_data, reach, strict=True):
            ax.text(
                max(end, 0) + span * 0.02,
                bar.get_y() + bar.get_height() / 2,
                shown.label,
                va="center",
                fontsize=8,
            )
        ax.axvline(0, color="#999999", linewidth=0.8)
        ax.set_xlabel("完成进度（%，竖线为各项指标的时间进度）")
        ax.set_xlim(min([0, *shares]) - span * 0.05, span * 1.15)
        ax.tick_params(axis="y", labelsize=7)
        ax.set_title("主要指标完成进度")
        return _png(fig)


def _cjk(family: str):
    """Settings under which every text a figure creates or draws uses the CJK family."""
    from matplotlib import rc_context

    return rc_context({"font.family": [family, "DejaVu Sans"], "axes.unicode_minus": False})


def _figure(height: float, labels: Sequence[str], *, label_size: float):
    """A figure outside pyplot, so that rendering leaves no global state behind.

    Margins are worked out from the longest bar label (a CJK character is about one font size
    wide) instead of by matplotlib's layout engines, which cost a third of a second a chart.
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    widest = max((_text_width(label) for label in labels), default=2) * label_size / 72
    fig.subplots_adjust(
        left=(widest + 0.3) / WIDTH_IN,
        right=1 - 0.35 / WIDTH_IN,
        top=1 - 0.4 / height,
        bottom=0.55 / height,
    )
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _text_width(text: str) -> float:
    """Width in font sizes: CJK characters are square, Latin letters and digits about half."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in text)


def _colour(code: str) -> str:
    return next((s.colour for s in STATUSES if s.code == code), "#7f8c8d")


def _short(name: str, limit: int = 16) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
