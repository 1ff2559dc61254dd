"""model.blank + __init__ builds exactly what calling the class builds (the wide results)."""

import dataclasses

import pytest

from planwatch.assess.methods import Judgement
from planwatch.assess.model import ItemAssessment, blank


def _filled(cls, **given):
    made = blank(cls)
    cls.__init__(made, **given)
    return made


def test_same_fields_and_defaults_as_the_class_call():
    given = dict(
        code="I3", number=3, name="高新技术企业数量", unit="家", category="创新", kind="indicator",
        binding=False, status="lagging", label="滞后于预期", explanation="…", method="level",
        direction="increase", latest_year=2023, latest_value=410.0, series=((2023, 410.0),),
    )  # fmt: skip
    assert _filled(ItemAssessment, **given) == ItemAssessment(**given)
    made = _filled(ItemAssessment, **given)
    assert made.latest_value == 410.0 and made.target_value is None and made.word_checks == ()
    assert _filled(Judgement, status="no_data") == Judgement("no_data")


def test_a_missing_or_unknown_field_is_refused_as_by_the_class():
    with pytest.raises(TypeError, match="explanation"):
        _filled(ItemAssessment, **{f.name: None for f in dataclasses.fields(ItemAssessment)[:9]})
    with pytest.raises(TypeError, match="colour"):
        _filled(Judgement, status="ahead", colour="green")
