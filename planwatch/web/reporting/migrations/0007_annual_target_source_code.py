"""Proposed annual targets keep their source as a code (shown in the reader's language) rather
than the Chinese words: rows stored with 按规划路径测算 get the code ``path`` and no words of
their own; what a reader sees in Chinese is unchanged."""

from django.db import migrations, models

PROPOSED_WORDS = "按规划路径测算"  # planwatch.assess.annual.SOURCES["path"].zh, frozen here


def to_codes(apps, schema_editor):
    AnnualTarget = apps.get_model("reporting", "AnnualTarget")
    AnnualTarget.objects.filter(source=PROPOSED_WORDS).update(source="", source_code="path")


def to_words(apps, schema_editor):
    AnnualTarget = apps.get_model("reporting", "AnnualTarget")
    AnnualTarget.objects.filter(source="", source_code="path").update(
        source=PROPOSED_WORDS, source_code=""
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0006_merge_annual_projects_references_rounds"),
    ]

    operations = [
        migrations.AddField(
            model_name="annualtarget",
            name="source_code",
            field=models.CharField(
                blank=True,
                choices=[("path", "按规划路径测算")],
                max_length=10,
                verbose_name="来源类型",
            ),
        ),
        migrations.RunPython(to_codes, to_words),
    ]
