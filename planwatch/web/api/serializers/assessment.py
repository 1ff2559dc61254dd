"""The assessment as the API sends it: ``PlanAssessment.to_dict()`` with its schema.

The serializers are built from the engine's dataclasses, so the OpenAPI schema cannot drift from
what the engine returns; the response itself is the dataclasses' own ``asdict`` form.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing

from rest_framework import serializers

from planwatch.assess import model as assess

_SCALARS: dict[type, type[serializers.Field]] = {
    str: serializers.CharField,
    int: serializers.IntegerField,
    float: serializers.FloatField,
    bool: serializers.BooleanField,
}

_HELP = {
    "series": "[year, value] pairs of the approved figures used",
    "summary": "counts and shares per status, category and chapter; binding warnings first",
}


@functools.cache
def dataclass_serializer(cls: type) -> type[serializers.Serializer]:
    """A read-only Serializer whose fields mirror the dataclass ``cls`` (for the schema).

    Cached: one class per dataclass, so the schema has one component per dataclass.
    """
    hints = typing.get_type_hints(cls)
    attrs = {
        f.name: _field(hints[f.name], help_text=_HELP.get(f.name))
        for f in dataclasses.fields(cls)
        if f.name != "options"
    }
    return type(f"{cls.__name__}Serializer", (serializers.Serializer,), attrs)


def _field(hint, **kwargs) -> serializers.Field:
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args:
        (inner,) = [a for a in args if a is not type(None)]
        return _field(inner, allow_null=True, **kwargs)
    if typing.get_origin(hint) is typing.Literal:
        return serializers.ChoiceField(choices=list(args), **kwargs)
    if typing.get_origin(hint) is list:
        return serializers.ListField(child=_field(args[0]), **kwargs)
    if typing.get_origin(hint) is tuple:
        if len(args) == 2 and args[1] is Ellipsis and dataclasses.is_dataclass(args[0]):
            return serializers.ListField(child=dataclass_serializer(args[0])(), **kwargs)
        return serializers.ListField(child=serializers.FloatField(), **kwargs)
    if typing.get_origin(hint) is dict or hint is typing.Any:
        return serializers.JSONField(**kwargs)
    if dataclasses.is_dataclass(hint):
        return dataclass_serializer(hint)(**kwargs)
    return _SCALARS[hint](**kwargs)


class ItemAssessmentSerializer(dataclass_serializer(assess.ItemAssessment)):
    outlook_label = serializers.CharField(
        allow_null=True, help_text="the outlook's label (预计能否如期完成) in the reader's language"
    )


class PlanAssessmentSerializer(dataclass_serializer(assess.PlanAssessment)):
    plan = serializers.IntegerField()
    indicators = ItemAssessmentSerializer(many=True)
    targets = ItemAssessmentSerializer(many=True)
    problems = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="item code → stored figures or verdicts left out of its verdict, and why",
    )
