"""The plan's identity from the notice that publishes it: title, issuer, document number, dates.

Read from the front matter (everything before the first chapter). Government web pages add a
label/value block (``标题`` / ``发文字号`` / ``成文日期`` …) whose labels may be glued to the end of
the previous value; both that block and the notice text itself are understood.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from planwatch.outline.values import cn_to_int

LABELS = ("标题", "发文机关", "发文字号", "文号", "索引号", "成文日期", "发文日期", "发布日期")
LABELS += ("主题分类", "有效性", "发布机构", "公文种类", "生效日期")
_LABEL_TAIL = re.compile("(?:" + "|".join(sorted(LABELS, key=len, reverse=True)) + r")[:：]?$")
_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*(?:第\s*)?\d{1,4}\s*号"
)
_NOTICE = re.compile(r"关于(?:印发|发布|颁布)(.+?)的(?:通知|决定|公告)")
_QUOTED_PLAN = re.compile(r"《([^《》]{6,120}?(?:纲要|规划))》")
_ISSUER_END = re.compile(r"(?:委员会|人民政府|政府|管委会|办公室|办公厅|管理局|局|委|厅|部|中心)$")
_DATE = re.compile(
    r"((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*[-年./]\s*(\d{1,2}|[一二三四五六七八九十]{1,3})"
    r"\s*[-月./]\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日?"
)
_FYP_ORDINAL = re.compile(
    r"第([一二三四五六七八九十]{1,3})个五年|[“\"]?([一二三四五六七八九十]{2,3})五[”\"]?(?:规划|时期)"
)
_BY_YEAR = re.compile(r"到(20\d\d)年")


@dataclass
class Metadata:
    title: str | None = None
    issuer: str | None = None
    document_number: str | None = None
    issued_on: str | None = None
    published_on: str | None = None


def read_metadata(front: list[str]) -> Metadata:
    """Metadata from the front-matter lines (the notice, cover and page labels)."""
    labels = _labelled_values(front)
    joined = "".join(front)
    meta = Metadata()
    meta.title = _title(front, joined, labels)
    meta.issuer = _issuer(front, labels)
    labelled = labels.get("发文字号") or labels.get("文号") or ""
    number = _DOC_NUMBER.search(labelled) or next(
        (m for m in map(_DOC_NUMBER.search, front) if m), None
    )
    meta.document_number = re.sub(r"\s+", "", number.group()) if number else None
    meta.issued_on = _iso_date(labels.get("成文日期")) or _signature_date(front)
    meta.published_on = _iso_date(labels.get("发文日期") or labels.get("发布日期"))
    return meta


def plan_years(title: str | None, body: list[str]) -> tuple[int | None, int | None]:
    """Base and target year from the plan's ordinal (第十四个五年 → 2020, 2025), else ``到20XX年``.

    The 3rd plan began in 1966 and every later one five years after, so the n-th runs from
    1966 + 5(n − 3) to four years later; its base year is the year before it starts.
    """
    for text in [title or "", *body[:50]]:
        match = _FYP_ORDINAL.search(text)
        if match:
            n = cn_to_int(match.group(1) or match.group(2))
            if n is not None and 3 <= n <= 40:
                start = 1966 + 5 * (n - 3)
                return start - 1, start + 4
    years = Counter(int(y) for line in body for y in _BY_YEAR.findall(line))
    if years:
        target = years.most_common(1)[0][0]
        return target - 5, target
    return None, None


def _labelled_values(front: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for k, line in enumerate(front):
        for label in LABELS:
            same_line = re.match(rf"^{label}\s*[:：]\s*(\S.*)$", line)
            if same_line:
                values.setdefault(label, _strip_label_tail(same_line.group(1)))
            elif (line == label or line.endswith(label)) and k + 1 < len(front):
                value = _strip_label_tail(front[k + 1])
                if value and value not in LABELS:
                    values.setdefault(label, value)
    return values


def _strip_label_tail(value: str) -> str:
    return _LABEL_TAIL.sub("", value.strip()).strip()


def _title(front: list[str], joined: str, labels: dict[str, str]) -> str | None:
    for text in (labels.get("标题", ""), joined):
        notice = _NOTICE.search(text)
        if notice:
            return _unquote(notice.group(1))
    quoted = _QUOTED_PLAN.search(joined)
    if quoted:
        return quoted.group(1)
    cover = [ln for ln in front if re.search(r"规划|纲要", ln) and len(ln) <= 60]
    if cover:
        return cover[-1]
    return labels.get("标题") or (front[0] if front else None)


def _unquote(text: str) -> str:
    text = text.strip()
    if text.startswith("《") and text.endswith("》"):
        text = text[1:-1]
    return text.strip()


def _issuer(front: list[str], labels: dict[str, str]) -> str | None:
    for k, line in enumerate(front):
        text = _strip_label_tail(line)
        if line in LABELS:
            continue
        if "关于" in text and _NOTICE.search(text + "".join(front[k + 1 : k + 3])):
            before = text.split("关于", 1)[0].strip()
            if before and _ISSUER_END.search(before):
                return before
            if not before and k > 0 and _ISSUER_END.search(front[k - 1]):
                return front[k - 1].strip()
    if labels.get("发文机关"):
        return labels["发文机关"]
    for k, line in enumerate(front[1:], start=1):
        if _DATE.fullmatch(line.strip()) and _ISSUER_END.search(front[k - 1]):
            return front[k - 1].strip()
    return None


def _signature_date(front: list[str]) -> str | None:
    for line in front:
        if _DATE.fullmatch(line.strip()):
            return _iso_date(line)
    return None


def _iso_date(text: str | None) -> str | None:
    match = _DATE.search(text or "")
    if not match:
        return None
    year, month, day = (cn_to_int(part) for part in match.groups())
    if year is None or month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
