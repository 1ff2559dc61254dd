"""The portal's search: items by code, name and category, tasks by code, title and text.

Server-side and plain GET (``?q=``), so it works without JavaScript. Every word of the query
must occur (case-insensitive) in one of the fields; an exact code match comes first. Only what
the public may see is searched (``published``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from planwatch.web.plans.models import Plan, Task
from planwatch.web.portal.published import PUBLIC, public_items

#: Longest query read, in characters; more is cut off (a search box, not an upload).
QUERY_MAX = 100
#: Results listed per kind.
RESULTS_MAX = 50


@dataclass
class SearchResult:
    query: str
    items: list = field(default_factory=list)
    tasks: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items) + len(self.tasks)


def words_of(query: str) -> list[str]:
    return [w for w in " ".join(query[:QUERY_MAX].split()).split(" ") if w]


def search(plan: Plan, query: str, chapter_names: dict[str, str]) -> SearchResult:
    words = words_of(query or "")
    result = SearchResult(" ".join(words))
    if not words:
        return result
    items = public_items(plan)
    tasks = Task.objects.restrict(PUBLIC, "view").filter(plan=plan).select_related("chapter")
    for word in words:
        in_chapters = [n for n, title in chapter_names.items() if word.lower() in title.lower()]
        items = items.filter(
            Q(code__iexact=word)
            | Q(name__icontains=word)
            | Q(category__icontains=word)
            | Q(location__0__in=in_chapters)
        )
        tasks = tasks.filter(
            Q(code__iexact=word)
            | Q(title__icontains=word)
            | Q(text__icontains=word)
            | Q(chapter__title__icontains=word)
        )
    code = words[0].upper() if len(words) == 1 else None
    result.items = sorted(items[:RESULTS_MAX], key=lambda i: (i.code.upper() != code, i.order))
    result.tasks = sorted(tasks[:RESULTS_MAX], key=lambda t: (t.code.upper() != code, t.order))
    return result
