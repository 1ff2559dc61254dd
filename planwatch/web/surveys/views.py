"""Questionnaires: the coordinator builds and moderates; the public answers while one is open.

Answering reuses the portal's protections (portal.abuse: size limit, honeypot, signed timed
question, one use per question, a rate limit per address) and its moderation
(portal.moderation.decide) for free text.
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planwatch.reports.survey_summary import summary_docx, summary_xlsx
from planwatch.web.accounts import throttle
from planwatch.web.core.access import get_visible, only_roles, require, require_role
from planwatch.web.core.editing import save_form
from planwatch.web.core.roles import MANAGE, READ_ALL
from planwatch.web.core.rules import role_of
from planwatch.web.history.services import EditConflict, save_tracked, soft_delete
from planwatch.web.plans.models import Plan
from planwatch.web.portal import abuse
from planwatch.web.portal.choices import FeedbackStatus
from planwatch.web.portal.moderation import decide
from planwatch.web.surveys.forms import AnswerForm, QuestionForm, SurveyForm, field_name
from planwatch.web.surveys.models import Answer, Question, QuestionKind, Response, Survey
from planwatch.web.surveys.results import chart_data, results

PUBLIC = AnonymousUser()
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


# -- the coordinator's side -------------------------------------------------------------------


@login_required
def manage(request, plan_pk: int):
    plan = get_visible(Plan.objects.defer("source_json"), request.user, pk=plan_pk)
    require_role(request.user, READ_ALL)
    can_build = role_of(request.user) in MANAGE
    form = SurveyForm(request.POST or None) if can_build else None
    if request.method == "POST":
        if not can_build:
            raise PermissionDenied(only_roles(MANAGE))
        if form.is_valid():
            survey = form.save(commit=False)
            survey.plan, survey.author = plan, request.user
            save_form(request, form)
            messages.success(request, _("已创建问卷，请添加题目。"))
            return redirect("surveys:edit", pk=survey.pk)
    surveys = Survey.objects.restrict(request.user, "view").filter(plan=plan)
    return render(request, "surveys/manage.html", {"plan": plan, "surveys": surveys, "form": form})


@login_required
def edit(request, pk: int):
    survey = get_visible(Survey.objects.select_related("plan"), request.user, pk=pk)
    require(request.user, "change", survey, only_roles(MANAGE))
    form = SurveyForm(request.POST or None, instance=survey, prefix="survey")
    question_form = QuestionForm(
        request.POST if "add_question" in request.POST else None,
        plan=survey.plan,
        prefix="question",
        initial={"order": survey.questions.count() + 1},
    )
    if request.method == "POST":
        if "add_question" in request.POST:
            if question_form.is_valid():
                question_form.instance.survey = survey
                save_form(request, question_form)
                messages.success(request, _("已添加题目。"))
                return redirect("surveys:edit", pk=survey.pk)
        elif form.is_valid() and save_form(request, form):
            messages.success(request, _("已保存。"))
            return redirect("surveys:edit", pk=survey.pk)
    return render(
        request,
        "surveys/edit.html",
        {
            "survey": survey,
            "form": form,
            "question_form": question_form,
            "questions": survey.questions.select_related("chapter"),
            "answered": survey.responses.exists(),
        },
    )


@login_required
@require_POST
def remove_question(request, pk: int):
    question = get_visible(Question.objects.select_related("survey"), request.user, pk=pk)
    require(request.user, "change", question, only_roles(MANAGE))
    if question.answers.exists():
        messages.error(request, _("该题目已有人回答，不能删除（答卷不会丢失）。"))
    else:
        soft_delete(question, user=request.user)
        messages.success(request, _("已删除题目（记录保留在变更记录中）。"))
    return redirect("surveys:edit", pk=question.survey_id)


@login_required
@require_POST
def moderate(request, pk: int):
    answer = get_object_or_404(Answer.objects.restrict(request.user, "review"), pk=pk)
    status = {"approve": FeedbackStatus.APPROVED, "reject": FeedbackStatus.REJECTED}.get(
        request.POST.get("decision", "")
    )
    if status is None or answer.question.kind != QuestionKind.TEXT:
        raise Http404
    version = request.POST.get("version", "")
    try:
        decide(
            request.user,
            answer,
            status,
            note=request.POST.get("note", ""),
            expected_version=int(version) if version.isdigit() else None,
        )
    except EditConflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(
            request,
            _("已公开该意见。") if status == FeedbackStatus.APPROVED else _("已设为不予公开。"),
        )
    return redirect("surveys:results", pk=answer.question.survey_id)


@login_required
def summary(request, pk: int, ext: str):
    """The summary the mid-term report cites: counts (.xlsx) or a short text (.docx)."""
    survey = get_visible(Survey.objects.select_related("plan"), request.user, pk=pk)
    require_role(request.user, READ_ALL)
    if ext not in CONTENT_TYPES:
        raise Http404
    result = results(survey, request.user)
    content = summary_xlsx(result) if ext == "xlsx" else summary_docx(result)
    response = HttpResponse(content, content_type=CONTENT_TYPES[ext])
    name = f"{survey.title}-问卷结果.{ext}"
    response["Content-Disposition"] = (
        f"attachment; filename=\"survey-summary.{ext}\"; filename*=UTF-8''{quote(name)}"
    )
    response["Cache-Control"] = "private, no-store"
    return response


# -- the public's side ------------------------------------------------------------------------


def published(user=PUBLIC):
    return Survey.objects.restrict(user, "view").filter(is_published=True).select_related("plan")


def public_list(request, plan_pk: int):
    plan = get_object_or_404(Plan.objects.restrict(PUBLIC, "view").defer("source_json"), pk=plan_pk)
    today = timezone.localdate()
    surveys = published().filter(plan=plan)
    return render(
        request,
        "surveys/public_list.html",
        {
            "plan": plan,
            "open": [s for s in surveys if s.is_open_on(today)],
            "other": [s for s in surveys if not s.is_open_on(today) and s.opens_on <= today],
            "public": True,
        },
    )


def _questions(survey: Survey):
    return Question.objects.restrict(PUBLIC, "view").filter(survey=survey)


def answer(request, pk: int):
    """The questionnaire: a form while it is open; a POST outside its period is refused."""
    survey = get_object_or_404(published(), pk=pk)
    today = timezone.localdate()
    if request.method != "POST":
        return _answer_page(request, survey, today)
    if abuse.too_large(request):
        return HttpResponse(_("提交内容过大。"), status=413, content_type="text/plain")
    if not survey.is_open_on(today):
        return _answer_page(request, survey, today, status=403)
    form = AnswerForm(request.POST, questions=_questions(survey), challenge=abuse.new_challenge())
    if form.is_robot:
        messages.success(request, _("感谢您参与问卷！"))
        return redirect("surveys:thanks", pk=survey.pk)
    status = 400
    if form.is_valid():
        try:
            digest = abuse.check_answer(form.cleaned_data["token"], form.cleaned_data["answer"])
            if Response.all_objects.filter(challenge=digest).exists():
                raise abuse.Refused(_("该表单已经提交过，请勿重复提交。"))
            address = throttle.client_address(request)
            abuse.check_rate(address, sent=Response.all_objects.all())
        except abuse.Refused as refusal:
            form.add_error(None, str(refusal))
            status = refusal.status
        else:
            _keep(survey, form, address, digest)
            messages.success(request, _("感谢您参与问卷！文字意见审核通过后公开显示。"))
            return redirect("surveys:thanks", pk=survey.pk)
    form.renew(abuse.new_challenge())
    return _answer_page(request, survey, today, form=form, status=status)


def _keep(survey: Survey, form: AnswerForm, address, digest: str) -> Response:
    with transaction.atomic():
        response = save_tracked(
            Response(
                survey=survey,
                address=address,
                challenge=digest,
                language=(get_language() or "")[:10],
            )
        )
        for q in form.questions:
            value = form.cleaned_data.get(field_name(q))
            if value in (None, "", []):
                continue
            if q.kind == QuestionKind.SATISFACTION:
                rows = [Answer(rating=value)]
            elif q.kind == QuestionKind.CHOICE:
                rows = [Answer(option=value)]
            elif q.kind == QuestionKind.MULTIPLE:
                rows = [Answer(option=v) for v in sorted(set(value))]
            else:
                rows = [Answer(text=value)]
            for row in rows:
                row.response, row.question = response, q
                if q.kind != QuestionKind.TEXT:
                    row.status = FeedbackStatus.APPROVED  # nothing to moderate in a tick
                save_tracked(row)
    return response


def _answer_page(request, survey, today, form=None, status: int = 200):
    is_open = survey.is_open_on(today)
    if is_open and form is None:
        form = AnswerForm(questions=_questions(survey), challenge=abuse.new_challenge())
    return render(
        request,
        "surveys/answer.html",
        {
            "survey": survey,
            "plan": survey.plan,
            "form": form if is_open else None,
            "not_yet": today < survey.opens_on,
            "ended": today > survey.closes_on,
            "public": True,
        },
        status=status,
    )


def thanks(request, pk: int):
    survey = get_object_or_404(published(), pk=pk)
    return render(request, "surveys/thanks.html", {"survey": survey, "public": True})


def results_page(request, pk: int):
    """Charts of the counts; free text once approved. Coordinators also moderate here."""
    user = request.user
    survey = get_object_or_404(Survey.objects.restrict(user, "view").select_related("plan"), pk=pk)
    shown = results(survey, user)
    pending = None
    if role_of(user) in MANAGE:
        pending = (
            Answer.objects.restrict(user, "review")
            .filter(question__survey=survey, question__kind=QuestionKind.TEXT)
            .filter(status=FeedbackStatus.PENDING)
            .select_related("question")
        )
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "plan": survey.plan,
            "result": shown,
            "charts": chart_data(shown),
            "pending": pending,
            "can_export": role_of(user) in READ_ALL,
            "public": role_of(user) is None,
        },
    )
