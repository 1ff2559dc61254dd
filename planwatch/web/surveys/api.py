"""``/api/surveys/``: published questionnaires, their questions and their results, read-only.

Answering is not offered through the API: the web form's protections (a question a person
answers, its timing, one use per question — portal.abuse) cannot be asked of a program, and an
API without them would be the easy way round them (docs/api.md).
"""

from __future__ import annotations

from dataclasses import asdict

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from planwatch.web.api.routes import contribute
from planwatch.web.api.views.base import ReadOnlyViewSet
from planwatch.web.surveys.models import Question, Survey
from planwatch.web.surveys.results import results


class QuestionSerializer(serializers.ModelSerializer):
    options = serializers.ListField(source="option_list", child=serializers.CharField())

    class Meta:
        model = Question
        fields = ("id", "order", "kind", "text", "chapter", "options", "required")


class SurveySerializer(serializers.ModelSerializer):
    questions = serializers.SerializerMethodField()

    class Meta:
        model = Survey
        fields = (
            "id",
            "plan",
            "title",
            "intro",
            "opens_on",
            "closes_on",
            "is_published",
            "is_demo",
            "questions",
            "version",
            "updated_at",
        )

    @extend_schema(responses=QuestionSerializer(many=True))
    def get_questions(self, survey) -> list[dict]:
        user = self.context["request"].user
        rows = Question.objects.restrict(user, "view").filter(survey=survey)
        return QuestionSerializer(rows, many=True).data


class OptionCountSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()


class QuestionResultSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.CharField()
    answered = serializers.IntegerField()
    options = OptionCountSerializer(many=True)
    mean = serializers.FloatField(allow_null=True)
    texts = serializers.ListField(child=serializers.CharField())


class SurveyResultSerializer(serializers.Serializer):
    title = serializers.CharField()
    opens = serializers.CharField()
    closes = serializers.CharField()
    respondents = serializers.IntegerField()
    questions = QuestionResultSerializer(many=True)


class SurveyViewSet(ReadOnlyViewSet):
    queryset = Survey.objects.all()
    serializer_class = SurveySerializer
    filterset_fields = ("plan", "is_published")
    related = ("plan",)

    @extend_schema(responses=SurveyResultSerializer)
    @action(detail=True, methods=["get"], filter_backends=())
    def results(self, request, pk=None):
        """Counts per option, mean satisfaction, and the free text that passed moderation."""
        survey = self.get_object()
        return Response(SurveyResultSerializer(asdict(results(survey, request.user))).data)


def register() -> None:
    contribute("surveys", SurveyViewSet, "survey")
