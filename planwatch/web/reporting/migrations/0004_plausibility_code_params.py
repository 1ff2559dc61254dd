"""Review flags stored as a code and parameters (worded in the reader's language), not as the
Chinese sentence: existing flags are read back into their parameters."""

import re

from django.db import migrations, models

#: The Chinese wording flags were stored in (planwatch.assess.plausibility.jump_message, as
#: of this migration: frozen here so that later rewording cannot break it).
JUMP_ZH = (
    "{item} {year}年为{value}{unit}，较{last_year}年的{previous}{unit}变化异常"
    "（超过3倍或正负号改变），请核实后确认提交，审核时将提示复核"
)
_GROUPS = {
    "year": r"(?P<year>\d{4})",
    "last_year": r"(?P<last_year>\d{4})",
    "value": r"(?P<value>[-+0-9.eE]+)",
    "previous": r"(?P<previous>[-+0-9.eE]+)",
}


def params_of(flag: str, item: str, unit: str) -> dict | None:
    """The parameters ``flag`` was written from, or None when it is not that sentence."""
    pattern = ""
    for literal, name in re.findall(r"([^{]*)(?:\{(\w+)\})?", JUMP_ZH):
        pattern += re.escape(literal)
        if name in _GROUPS:
            pattern += _GROUPS[name]
        elif name:
            pattern += re.escape({"item": item, "unit": unit}[name])
    found = re.fullmatch(pattern, flag)
    if found is None:
        return None
    params = found.groupdict()
    return {
        "item": item,
        "unit": unit,
        "year": int(params["year"]),
        "last_year": int(params["last_year"]),
        "value": params["value"],
        "previous": params["previous"],
    }


def to_codes(apps, schema_editor):
    Observation = apps.get_model("reporting", "Observation")
    for obs in Observation.objects.exclude(plausibility_flag="").select_related("item"):
        item = f"{obs.item.code} {obs.item.name}"
        params = params_of(obs.plausibility_flag, item, obs.item.unit or "")
        if params is None:  # worded otherwise: kept as written, never lost
            obs.plausibility_code, obs.plausibility_params = "note", {"text": obs.plausibility_flag}
        else:
            obs.plausibility_code, obs.plausibility_params = "plausibility.jump", params
        obs.save(update_fields=["plausibility_code", "plausibility_params"])


def to_text(apps, schema_editor):
    Observation = apps.get_model("reporting", "Observation")
    for obs in Observation.objects.exclude(plausibility_code=""):
        params = obs.plausibility_params or {}
        if obs.plausibility_code == "plausibility.jump":
            obs.plausibility_flag = JUMP_ZH.format(**params)[:500]
        else:
            obs.plausibility_flag = str(params.get("text", ""))[:500]
        obs.save(update_fields=["plausibility_flag"])


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0003_observation_basis_observation_plausibility_flag"),
    ]

    operations = [
        migrations.AddField(
            model_name="observation",
            name="plausibility_code",
            field=models.CharField(blank=True, max_length=40, verbose_name="复核提示"),
        ),
        migrations.AddField(
            model_name="observation",
            name="plausibility_params",
            field=models.JSONField(blank=True, default=dict, verbose_name="复核提示参数"),
        ),
        migrations.RunPython(to_codes, to_text),
        migrations.RemoveField(model_name="observation", name="plausibility_flag"),
    ]
