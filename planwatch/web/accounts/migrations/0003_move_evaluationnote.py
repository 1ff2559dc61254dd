# Evaluators' notes moved to the evaluation app; the table and its rows stay (state only).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_user_version'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='EvaluationNote')],
            database_operations=[],
        ),
    ]
