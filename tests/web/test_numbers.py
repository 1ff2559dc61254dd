"""One door for the numbers people type: the observation form, the key-project form and the
API read them alike (core.numbers), and a refusal is Chinese."""

from __future__ import annotations

import pytest

from planwatch.errors import InputError
from planwatch.web.core.numbers import parse_cell_number
from planwatch.web.reporting.forms import KeyProjectForm, ObservationForm


@pytest.mark.parametrize(
    ("typed", "unit", "number"),
    [
        ("1,234.5", "亿元", 1234.5),
        ("１２．５", "%", 12.5),
        ("12%", "%", 12.0),
        (" -0.8 ", "", -0.8),
        (7, "", 7.0),
    ],
)
def test_what_people_type_is_read(typed, unit, number):
    assert parse_cell_number(typed, unit=unit) == number


@pytest.mark.parametrize(
    ("typed", "unit", "zh", "en"),
    [
        ("12万", "万人", "不是数字", "is not a number"),
        ("12%", "亿元", "带有%，但该指标的单位是亿元", "has a % sign but the unit is 亿元"),
        ("nan", "", "不是有限的数值", "is not a finite number"),
        ("", "", "数值为空", "the value is empty"),
    ],
)
def test_anything_else_is_refused_in_chinese(typed, unit, zh, en):
    with pytest.raises(InputError) as refused:
        parse_cell_number(typed, unit=unit)
    assert zh in str(refused.value)
    assert en in refused.value.render("en")


def test_the_forms_read_numbers_through_the_same_door():
    form = ObservationForm({"value": "１,２３４", "unit": "亿元"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["value"] == 1234.0
    refused = ObservationForm({"value": "12万", "unit": "万人"})
    assert not refused.is_valid()
    assert "不是数字" in refused.errors["value"][0]
    project = KeyProjectForm({"code": "P1", "name": "项目", "investment": "2,500"})
    project.is_valid()
    assert project.cleaned_data["investment"] == 2500.0


@pytest.mark.django_db
def test_the_api_reads_a_percentage_with_its_sign():
    from planwatch.web.api.serializers.reporting import FiguresSerializer

    ok = FiguresSerializer(data={"value": "12%", "unit": "%"})
    assert ok.is_valid(), ok.errors
    assert ok.validated_data["value"] == 12.0
    bad = FiguresSerializer(data={"value": "12%", "unit": "亿元"})
    assert not bad.is_valid()
    assert "带有%，但该指标的单位是亿元" in str(bad.errors["value"][0])
