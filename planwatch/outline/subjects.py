"""What a commitment or a stated figure is about: its subject, cleaned, and when two are the same.

A subject is the clause's words before the verb, without lead-ins (``到2025年``, ``争取``), scope
words (``高新区内``, ``全区``, ``累计``) and trailing particles. Two subjects name the same thing
when their head nouns agree (``…企业数量`` and ``…企业``; a share ``…占…的`` and ``…比重``) and
they share their wording: one contains the other, or a run of at least four characters that is
at least half the shorter one. A subject that lists several things (``甲和乙``) is not the same as
one of them.
"""

from __future__ import annotations

import re

SEPARATORS = "，,；;：:→"  # → joins a 专栏 entry's name to its content

#: Lead-ins and hedges in front of what is measured.
_LEAD_IN = (
    r"(?:截至|截止|到|至)?(?:19|20)\d\d年(?:底|末)?(?:前)?的?|力争|争取|确保|实现|加快推进|加快|推进"
    r"|推动|努力|完成|届时|其中|使|让|将|要|在|进一步|基本(?=实现|建成|形成)|—+|\s"
)
#: Scope words: where or over what span it is counted, not what is counted.
_SCOPE = (
    r"全面|累计|全(?:区|市|县|省|镇|乡|域)|本(?:区|市|县)|我(?:区|市|县)"
    r"|[\u4e00-\u9fff]{0,6}?(?:区|园|市|县|镇|乡|街道|省|域)(?:范围)?内(?!涝)"
)
_LEADING = re.compile(rf"^(?:{_LEAD_IN})+")
_LEADING_AND_SCOPE = re.compile(rf"^(?:{_LEAD_IN}|{_SCOPE})+")
_TRAILING = re.compile(r"(?:的|均|都|将|要|应|可|分别|累计|总量为|实现|达到|比(?:19|20)\d\d年)+$")

#: Words that say "how many of" rather than what is counted: ``企业数量`` is about ``企业``.
_MEASURE = re.compile(r"(?:的)?(?:数量|总数|个数|数目|总量|规模)$")
_SHARE = ("比重", "比例", "占比")
#: A subject naming several things: ``高新技术企业和高成长企业``.
_LIST = re.compile(r"[和与及、]|以及")


def clean_subject(text: str) -> str:
    """The measured thing in the words before a verb: ``争取高新区内…数量`` → ``…数量``."""
    text = text.strip()
    stripped = _LEADING_AND_SCOPE.sub("", text)
    if len(strip_marks(stripped)) < 2:  # the scope was all there was: keep it
        stripped = _LEADING.sub("", text)
    return strip_marks(_TRAILING.sub("", stripped))


def strip_marks(text: str) -> str:
    return text.strip(f" {SEPARATORS}、。")


def core(subject: str) -> str:
    """The subject without its measure word (``高新技术企业数量`` → ``高新技术企业``)."""
    stripped = _MEASURE.sub("", subject)
    if stripped.endswith("数") and len(stripped) > 2 and stripped[-2] not in "指系分倍参函人":
        stripped = stripped[:-1]
    return stripped or subject


def head(subject: str) -> str:
    """The head noun: the last two characters of the core; every share reads as ``比重``."""
    words = core(subject)
    if words.endswith(_SHARE) or ("占" in words and not words.endswith("率")):
        return "比重"
    return words[-2:]


def likeness(a: str, b: str) -> int:
    """0 when two subjects name different things, else a score: more shared wording scores more."""
    if not a or not b or head(a) != head(b):
        return 0
    a, b = core(a), core(b)
    short, long = sorted((a, b), key=len)
    if short in long:
        if _LIST.search(long.replace(short, "", 1)):
            return 0  # "甲和乙" is not "甲"
        return len(short) + 100
    common = longest_common(a, b)
    return common if common >= max(4, len(short) / 2) else 0


def longest_common(a: str, b: str) -> int:
    """Length of the longest run of characters two texts share."""
    best = 0
    previous = [0] * (len(b) + 1)
    for ch in a:
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, 1):
            if ch == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def clause_start(body: str, at: int) -> int:
    """Where the clause holding position ``at`` begins (after the last ，；： before it)."""
    return max(body.rfind(ch, 0, at) for ch in SEPARATORS) + 1


def clause_end(body: str, at: int) -> int:
    ends = [k for k in (body.find(ch, at) for ch in SEPARATORS) if k >= 0]
    return min(ends) if ends else len(body)


def span_text(body: str, lead: int, start: int, end: int) -> str:
    """The clause holding a match, preceded by the clause that dates it when that is another one."""
    own = clause_start(body, start)
    text = body[own : clause_end(body, end)].strip()
    first = clause_start(body, lead)
    if first < own:
        text = body[first : clause_end(body, lead) + 1].strip() + text
    return text
