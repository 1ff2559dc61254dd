"""How the API answers when the shared services refuse: the same reasons, as HTTP statuses.

A stale ``version`` is 409 with the current version; Django's ``ValidationError`` from a
service becomes 400 with field errors (as DRF's own validation does); a plan whose stored data
cannot be assessed is 422 with the engine's one-line reason.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException, NotFound, ParseError, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler

from planwatch.errors import PlanwatchError
from planwatch.web.history.services import EditConflict


def api_exception_handler(exc, context):
    index = getattr(exc, "batch_index", None)
    response = _response(exc, context)
    if index is not None and response is not None and isinstance(response.data, dict):
        response.data["index"] = index  # which element of a pushed array was refused
    return response


def _response(exc, context):
    if isinstance(exc, EditConflict):
        return conflict_response(str(exc), exc.current)
    if isinstance(exc, AlreadyReported):
        return conflict_response(str(exc), exc.existing.version, id=exc.existing.pk)
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(as_field_errors(exc))
    if isinstance(exc, PlanwatchError):
        return Response(
            {"detail": exc.render(get_language()), "code": exc.code or "invalid"},
            status=status.HTTP_422_UNPROCESSABLE_ENTITY,
        )
    if isinstance(exc, Http404):
        # Django's "No Observation matches the given query." is English and names the model.
        exc = NotFound(_("没有找到该记录，或者您没有查看它的权限。"))
    elif isinstance(exc, ParseError) and str(exc.detail).startswith("JSON parse error"):
        exc = ParseError(_("请求内容不是有效的 JSON，请检查括号、引号和逗号。"))
    return exception_handler(exc, context)


class AlreadyReported(Exception):
    """A figure for that item and year exists: updating it needs the version one has read."""

    def __init__(self, existing) -> None:
        self.existing = existing
        super().__init__(
            _("%(item)s %(year)s 年已有数据（第 %(version)s 版）；如需修改，请带上 version。")
            % {"item": existing.item.code, "year": existing.year, "version": existing.version}
        )


#: What the shared services and the API raise when they refuse a request.
REFUSALS = (
    APIException,
    DjangoValidationError,
    PermissionDenied,
    EditConflict,
    PlanwatchError,
    AlreadyReported,
)


def conflict_response(message: str, current_version: int | None, **extra) -> Response:
    return Response(
        {"detail": message, "code": "conflict", "current_version": current_version, **extra},
        status=status.HTTP_409_CONFLICT,
    )


def as_field_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in exc.message_dict.items()
        }
    return {"non_field_errors": exc.messages}
