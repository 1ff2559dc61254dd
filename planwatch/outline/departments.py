"""Find the departments (部门/单位) an outline names, so that they can be assigned work.

Generic, not tied to one plan: a name is a run of Chinese characters ending in a common suffix
of a government unit (…局, …委员会, …办公室, …街道, …镇), standing alone between punctuation
or opening a clause before a verb of responsibility ("经济发展局牵头做好…"). Words that merely end
in the same character (布局, 城镇) are not names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Suffixes of departments and sub-district units. The issuing government itself (管委会,
#: 人民政府) is not a department that reports to itself, so it is not listed.
SUFFIXES = ("委员会", "办公室", "办事处", "工作部", "分局", "局", "街道", "镇", "乡", "委")
#: Common words that end like a unit but are not one.
NOT_NAMES = (
    "布局",
    "格局",
    "大局",
    "全局",
    "结局",
    "开局",
    "新局",
    "当局",
    "时局",
    "乡镇",
    "城镇",
    "村镇",
    "集镇",
    "小镇",
    "重镇",
    "市镇",
    "城乡",
    "农委",
    "管委",
    "工委",
    "省委",
    "市委",
    "区委",
    "党委",
    "县委",
    "中央委",
    "管理委员会",
    "常务委员会",
    "人大常委",
    "常委",
    "变局",
)
#: Words that open a clause but are not part of a name ("由财政局牵头", "各街道").
LEAD_WORDS = ("由", "各", "请", "在", "会同", "配合")
#: A name does not start with a verb of action or contain a function word.
VERB_STARTS = (
    "加快",
    "推进",
    "推动",
    "加强",
    "建设",
    "实施",
    "完善",
    "深化",
    "提升",
    "优化",
    "促进",
    "支持",
    "鼓励",
    "打造",
    "实现",
    "坚持",
    "强化",
    "健全",
    "构建",
    "发挥",
    "做好",
    "落实",
)
FUNCTION_CHARS = frozenset("之的了是着对把被将从向")  # 和 occurs in 发展和改革局
#: Verbs that follow a department named as the one responsible.
DUTY_VERBS = ("牵头", "负责", "配合", "会同", "统筹", "组织", "协调", "指导", "督促")
#: A jurisdiction prefix that may or may not be written before a department's name.
JURISDICTION = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:区|市|县|省|州|旗)")

_SEGMENTS = re.compile(r"[^\u4e00-\u9fff]+")
_NAME = re.compile(
    r"^([\u4e00-\u9fff]{2,20}?(?:" + "|".join(SUFFIXES) + r"))(?=" + "|".join(DUTY_VERBS) + r"|$)"
)


@dataclass(frozen=True)
class FoundDepartment:
    name: str
    #: True for the unit the outline puts in charge of implementing the plan as a whole.
    coordinates: bool = False


def find_departments(text: str) -> list[FoundDepartment]:
    """Departments named in ``text``, in order of first mention, the coordinator marked."""
    names: list[str] = []
    coordinator: str | None = None
    for sentence in re.split(r"[。；;\n]", text):
        for segment in _SEGMENTS.split(sentence):
            name = _name_at_start(segment)
            if name is None:
                continue
            segment = segment[segment.index(name) :]
            if name not in names:
                names.append(name)
            rest = segment[len(name) :]
            if coordinator is None and rest.startswith("牵头") and "规划" in sentence:
                coordinator = name
    merged = _merge_prefixed(names)
    if coordinator is not None:
        coordinator = merged.get(coordinator, coordinator)
    unique = list(dict.fromkeys(merged.get(n, n) for n in names))
    return [FoundDepartment(n, coordinates=n == coordinator) for n in unique]


def _name_at_start(segment: str) -> str | None:
    """The department name opening ``segment``, trying again without a leading 由/各/在…."""
    candidates = [segment[len(w) :] for w in LEAD_WORDS if segment.startswith(w)] + [segment]
    for candidate in candidates:
        match = _NAME.match(candidate)
        if match and not _not_a_name(match.group(1)):
            return match.group(1)
    return None


def _not_a_name(name: str) -> bool:
    if len(name) < 3 or FUNCTION_CHARS.intersection(name) or name.startswith(VERB_STARTS):
        return True
    return any(name.endswith(word) for word in NOT_NAMES)


def _merge_prefixed(names: list[str]) -> dict[str, str]:
    """``经济发展局`` and ``高新区经济发展局`` are one department: keep the fuller name."""
    merged: dict[str, str] = {}
    for short in names:
        for full in names:
            if full != short and full.endswith(short):
                prefix = full[: -len(short)]
                if JURISDICTION.fullmatch(prefix) and len(short) >= 3:
                    merged[short] = full
    return merged
