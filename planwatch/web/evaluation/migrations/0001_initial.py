# Evaluators' notes, moved here from accounts: the model takes over the existing table
# (state only), and the change log's content type follows it so past changes stay attached.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def follow_content_type(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    if not ContentType.objects.filter(app_label='evaluation', model='evaluationnote').exists():
        ContentType.objects.filter(app_label='accounts', model='evaluationnote').update(
            app_label='evaluation'
        )


def back_to_accounts(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    ContentType.objects.filter(app_label='evaluation', model='evaluationnote').update(
        app_label='accounts'
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0003_move_evaluationnote'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('plans', '0003_measurableitem_also_at'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='EvaluationNote',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='版本')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                        ('deleted_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='删除时间')),
                        ('text', models.TextField(max_length=5000, verbose_name='评估意见')),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='evaluation_notes', to=settings.AUTH_USER_MODEL, verbose_name='作者')),
                        ('item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='evaluation_notes', to='plans.measurableitem', verbose_name='指标')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='evaluation_notes', to='plans.plan', verbose_name='规划')),
                        ('task', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='evaluation_notes', to='plans.task', verbose_name='任务')),
                    ],
                    options={
                        'verbose_name': '评估意见',
                        'verbose_name_plural': '评估意见',
                        'ordering': ('-created_at',),
                        'db_table': 'accounts_evaluationnote',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(follow_content_type, back_to_accounts),
    ]
