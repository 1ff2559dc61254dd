"""What each notice says. Stored as its kind and parameters, rendered in the reader's language
when the inbox is shown (the e-mail in the site's default language, Chinese)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planwatch.assess.status import BY_CODE
from planwatch.web.notifications.choices import Kind

#: (kind, variant) → (title, body); %(name)s are the notice's parameters.
TEXTS = {
    (Kind.ROUND_OPENED, ""): (
        gettext_lazy("%(round)s开始填报"),
        gettext_lazy(
            "《%(plan)s》%(round)s已开启填报，截止日期%(deadline)s，本部门应报%(count)s项。"
        ),
    ),
    (Kind.DEADLINE, ""): (
        gettext_lazy("%(round)s还有%(days)s天截止"),
        gettext_lazy("本部门还有%(count)s项未报送，截止日期%(deadline)s。"),
    ),
    (Kind.OVERDUE, ""): (
        gettext_lazy("%(round)s已逾期"),
        gettext_lazy("截止日期%(deadline)s已过，本部门仍有%(count)s项未报送。"),
    ),
    (Kind.OVERDUE, "all"): (
        gettext_lazy("%(round)s已逾期"),
        gettext_lazy("截止日期%(deadline)s已过，%(departments)s个部门共%(count)s项未报送。"),
    ),
    (Kind.RETURNED, ""): (
        gettext_lazy("%(count)s项数据被退回修改"),
        gettext_lazy("%(round)s：%(subjects)s。审核意见：%(comment)s"),
    ),
    (Kind.APPROVED, ""): (
        gettext_lazy("%(count)s项数据审核通过"),
        gettext_lazy("%(round)s：%(subjects)s。"),
    ),
    (Kind.OFF_COURSE, "item"): (
        gettext_lazy("约束性指标偏离预期：%(subject)s"),
        gettext_lazy("《%(plan)s》%(year)s年评估：%(subject)s为“%(status)s”。"),
    ),
    (Kind.OFF_COURSE, "project"): (
        gettext_lazy("重大项目进度滞后：%(subject)s"),
        gettext_lazy("《%(plan)s》重大项目%(subject)s：%(why)s。"),
    ),
    (Kind.MILESTONE_OVERDUE, ""): (
        gettext_lazy("节点逾期未完成：%(subject)s"),
        gettext_lazy("《%(plan)s》%(subject)s的节点“%(what)s”完成时限%(due)s已过，尚未报告完成。"),
    ),
    (Kind.FEEDBACK, ""): (
        gettext_lazy("有新的公众评价待审核"),
        gettext_lazy("《%(plan)s》收到一条%(rating)s星评价，审核通过后才会公开。"),
    ),
}

#: Why a key project is off course (the ``why`` parameter names one of these).
PROJECT_REASONS = {
    "delayed": gettext_lazy("填报的推进状态为进度滞后"),
    "late": gettext_lazy("已过计划竣工日期%(finish)s仍未竣工"),
}


def render(kind: str, params: dict, language: str | None = None) -> tuple[str, str]:
    """The notice's title and body in ``language`` (default: the active one)."""
    with translation.override(language) if language else _nothing():
        title, body = TEXTS[(kind, params.get("variant", ""))]
        values = dict(params)
        if "status" in values:
            status = BY_CODE.get(values["status"])
            values["status"] = status.label(translation.get_language() or "zh") if status else ""
        if "why" in values:
            values["why"] = str(PROJECT_REASONS[values["why"]]) % values
        if not values.get("comment"):
            values["comment"] = _("无")
        return str(title) % values, str(body) % values


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False
