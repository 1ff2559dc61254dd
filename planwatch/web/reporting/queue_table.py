"""The rows of the round page's review queue, written in Python as the duty table's are
(duty_table.py): eight cells per row, each with a translated label, cost the template engine
more than the rest of the page. Same HTML, escaped the same way; the table around them is in
``templates/reporting/round_detail.html``.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from planwatch.web.core.templatetags.planwatch import demo_badge, number


def queue_rows(observations: list[dict], progress: list, more: list | None = None) -> SafeString:
    """``observations``: bulk.queue_rows' dicts (the figure, last year's, the change, the
    target); ``progress``: the page's task reports; ``more``: the registered kinds' rows
    (reviewables: kind, record, subject, content), e.g. milestone reports."""
    label = {
        key: escape(text)
        for key, text in (
            ("target", _("事项")),
            ("content", _("填报内容")),
            ("previous", _("上年")),
            ("change", _("变化")),
            ("goal", _("目标")),
            ("flag", _("复核提示")),
            ("comment", _("本条意见")),
        )
    }
    rows = []
    for row in observations:
        o = row["obs"]
        item = escape(o.item)
        year = escape(_("%(year)s：") % {"year": o.year})
        shown = f"{year}<strong>{escape(number(o.value, 4))}</strong> {escape(o.unit)}"
        if o.basis == "cumulative":
            shown += f"（{escape(o.get_basis_display())}）"
        shown += f"{demo_badge(o)}<br><small>{escape(o.source)} {escape(o.note)}</small>"
        before = row["previous"]
        previous = (
            escape(_("%(year)s：") % {"year": before.year})
            + f"{escape(number(before.value, 4))} {escape(before.unit)}"
            if before
            else "—"
        )
        change = row["change"]
        changed = "—" if change is None else ("+" if change > 0 else "") + escape(number(change, 4))
        flag = o.plausibility_flag
        flagged = (
            f'<strong class="flag">{escape(_("请复核：%(flag)s") % {"flag": flag})}</strong>'
            if flag
            else "—"
        )
        rows.append(
            f'<tr><td><input type="checkbox" name="observation" value="{o.pk}" id="obs-{o.pk}"'
            f' aria-label="{item}" data-selectable></td>'
            f'<td data-label="{label["target"]}"><label for="obs-{o.pk}">{item}</label><br>'
            f"<small>{_or_dash(o.department)} · {_or_dash(o.submitted_by)}</small></td>"
            f'<td data-label="{label["content"]}">{shown}</td>'
            f'<td data-label="{label["previous"]}">{previous}</td>'
            f'<td data-label="{label["change"]}">{changed}</td>'
            f'<td data-label="{label["goal"]}">{escape(row["target"])}</td>'
            f'<td data-label="{label["flag"]}">{flagged}</td>'
            f'<td data-label="{label["comment"]}">'
            f'<textarea name="comment-observation-{o.pk}" rows="1" maxlength="2000" aria-label="'
            f'{escape(_("%(item)s 的审核意见") % {"item": o.item})}"></textarea></td></tr>'
        )
    for p in progress:
        task = escape(p.task)
        narrative = escape(Truncator(p.narrative).chars(120))
        rows.append(
            f'<tr><td><input type="checkbox" name="progress" value="{p.pk}" id="prog-{p.pk}"'
            f' aria-label="{task}" data-selectable></td>'
            f'<td data-label="{label["target"]}"><label for="prog-{p.pk}">{task}</label><br>'
            f"<small>{escape(p.department)} · {_or_dash(p.submitted_by)}</small></td>"
            f'<td data-label="{label["content"]}">{escape(p.get_progress_display())}'
            f" {p.percent}%{demo_badge(p)}<br><small>{narrative}</small></td>"
            "<td>—</td><td>—</td><td>—</td><td>—</td>"
            f'<td data-label="{label["comment"]}">'
            f'<textarea name="comment-progress-{p.pk}" rows="1" maxlength="2000" aria-label="'
            f'{escape(_("%(task)s 的审核意见") % {"task": p.task})}"></textarea></td></tr>'
        )
    for row in more or ():
        r, key = row["record"], row["kind"].key
        subject = escape(row["subject"])
        rows.append(
            f'<tr><td><input type="checkbox" name="{key}" value="{r.pk}" id="{key}-{r.pk}"'
            f' aria-label="{subject}" data-selectable></td>'
            f'<td data-label="{label["target"]}"><label for="{key}-{r.pk}">{subject}</label><br>'
            f"<small>{_or_dash(r.department)} · {_or_dash(r.submitted_by)}</small></td>"
            f'<td data-label="{label["content"]}">{escape(row["content"])}{demo_badge(r)}</td>'
            "<td>—</td><td>—</td><td>—</td><td>—</td>"
            f'<td data-label="{label["comment"]}">'
            f'<textarea name="comment-{key}-{r.pk}" rows="1" maxlength="2000" aria-label="'
            f'{escape(_("%(item)s 的审核意见") % {"item": row["subject"]})}"></textarea></td></tr>'
        )
    return mark_safe("\n".join(rows))


def _or_dash(value) -> str:
    return escape(value) if value else "—"
