"""``/api/evaluations/``: third-party evaluation commissions with their verdicts, read-only.

Who sees what is the access rules' answer (evaluation.rules): the coordinator's side and leaders
see every commission, an evaluator only theirs; the public none. Verdicts are written on the
evaluator's pages, not here: the API offers no write that could touch departments' data.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from planwatch.web.api.routes import contribute
from planwatch.web.api.views.base import ReadOnlyViewSet
from planwatch.web.core.access import require_role
from planwatch.web.core.roles import MANAGE, Role
from planwatch.web.evaluation import compare
from planwatch.web.evaluation.models import Commission, ThirdPartyVerdict


class VerdictSerializer(serializers.ModelSerializer):
    kind = serializers.SerializerMethodField()
    code = serializers.SerializerMethodField()
    grade_label = serializers.CharField(read_only=True)
    author = serializers.CharField(source="author.username", read_only=True)

    class Meta:
        model = ThirdPartyVerdict
        fields = (
            "id",
            "kind",
            "code",
            "grade",
            "grade_label",
            "comment",
            "author",
            "version",
            "updated_at",
        )

    def get_kind(self, verdict) -> str:
        return "item" if verdict.item_id else "task"

    def get_code(self, verdict) -> str:
        return (verdict.item or verdict.task).code


class CommissionSerializer(serializers.ModelSerializer):
    evaluators = serializers.SerializerMethodField()
    verdicts = serializers.SerializerMethodField()
    has_final_report = serializers.SerializerMethodField()

    class Meta:
        model = Commission
        fields = (
            "id",
            "plan",
            "title",
            "agency",
            "scope",
            "year",
            "due_on",
            "state",
            "evaluators",
            "verdicts",
            "has_final_report",
            "version",
            "updated_at",
        )

    def get_evaluators(self, commission) -> list[str]:
        return [e.user.username for e in commission.evaluators.all()]

    @extend_schema(responses=VerdictSerializer(many=True))
    def get_verdicts(self, commission) -> list[dict]:
        user = self.context["request"].user
        rows = ThirdPartyVerdict.objects.restrict(user, "view").filter(commission=commission)
        return VerdictSerializer(rows.select_related("item", "task", "author"), many=True).data

    def get_has_final_report(self, commission) -> bool:
        return bool(commission.final_report)


class DifferenceSerializer(serializers.Serializer):
    kind = serializers.CharField()
    code = serializers.CharField()
    name = serializers.CharField()
    self_grade = serializers.CharField(allow_null=True)
    self_label = serializers.CharField()
    self_figure = serializers.CharField()
    grade = serializers.CharField(allow_null=True)
    differs = serializers.BooleanField()


class CommissionViewSet(ReadOnlyViewSet):
    queryset = Commission.objects.all()
    serializer_class = CommissionSerializer
    filterset_fields = ("plan", "year", "state")
    related = ("plan",)

    @extend_schema(responses=DifferenceSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=())
    def comparison(self, request, pk=None):
        """Self-assessment beside the third-party verdict for every item and task in scope."""
        commission = self.get_object()
        require_role(request.user, MANAGE | {Role.LEADER})
        rows = compare.side_by_side(commission, request.user)
        return Response(
            DifferenceSerializer(
                [
                    {
                        "kind": r.kind,
                        "code": r.code,
                        "name": r.name,
                        "self_grade": r.self_grade,
                        "self_label": r.self_label,
                        "self_figure": r.self_figure,
                        "grade": r.verdict.grade if r.verdict else None,
                        "differs": r.differs,
                    }
                    for r in rows
                ],
                many=True,
            ).data
        )


def register() -> None:
    contribute("evaluations", CommissionViewSet, "evaluation")
