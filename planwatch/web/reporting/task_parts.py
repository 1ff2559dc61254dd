"""Parts an app above reporting adds to a task's progress page (``reporting/progress_form.html``).

Reporting may not import or load the template tags of the apps above it (tests/web/test_layers.py),
so those apps register a renderer here from their ``AppConfig.ready()`` — supervision its linked
policies — and the page shows whatever was registered, in order, through ``{% task_parts task %}``
(``templatetags/pw_reporting.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

#: ``(user, task)`` → the part's HTML (safe; empty for nothing to show).
TaskPart = Callable[[object, object], SafeString]
_PARTS: dict[str, tuple[int, TaskPart]] = {}


def contribute(name: str, order: int, part: TaskPart) -> None:
    _PARTS[name] = (order, part)


def render_parts(user, task) -> SafeString:
    parts = sorted(_PARTS.values(), key=lambda pair: pair[0])
    rendered = [part(user, task) for _order, part in parts]
    return format_html_join("", "{}", ((mark_safe(html),) for html in rendered if html))
