"""ChecklistTemplate and ChecklistItem (with their history) move here from inspections, in state only.

No table is created or copied: the models keep the tables ``inspections_checklisttemplate``,
``inspections_checklistitem`` and their ``inspections_historical…`` tables (``Meta.db_table`` and
``HistoricalRecords(table_name=…)``). inspections 0003 removes them from its own state and points
Campaign.template and Answer.item here. The content types are renamed so that permissions and
generic links (attachments, reminders) keep pointing at the same rows.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MOVED = ["checklisttemplate", "checklistitem", "historicalchecklisttemplate", "historicalchecklistitem"]


def _rename(apps, source: str, target: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not content_type.objects.filter(app_label=target, model=model).exists():
            content_type.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types(apps, schema_editor) -> None:
    _rename(apps, "inspections", "checklists")


def move_content_types_back(apps, schema_editor) -> None:
    _rename(apps, "checklists", "inspections")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
        # The tables were created by the self-inspection's first migration; they stay where they are.
        ('inspections', '0002_answer_by_unit_index'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='ChecklistTemplate',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('family', models.CharField(max_length=50, verbose_name='様式コード')),
                    ('version', models.PositiveIntegerField(verbose_name='版')),
                    ('name', models.CharField(max_length=200, verbose_name='名称')),
                    ('kind', models.CharField(choices=[('monthly', '情報に関する点検表（所属）'), ('staff', '職員セルフチェック'), ('system', '情報システム管理点検'), ('survey', '臨時調査')], max_length=20, verbose_name='種類')),
                    ('status', models.CharField(choices=[('draft', '作成中'), ('in_use', '使用中'), ('superseded', '改訂済み（旧版）')], default='draft', max_length=20, verbose_name='状態')),
                    ('notes', models.TextField(blank=True, verbose_name='備考（様式に印刷する注意書き）')),
                    ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='使用開始日時')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='作成日時')),
                ],
                options={
                    'verbose_name': '点検表の様式',
                    'verbose_name_plural': '点検表の様式',
                    'db_table': 'inspections_checklisttemplate',
                    'ordering': ['family', '-version'],
                    'constraints': [models.UniqueConstraint(fields=('family', 'version'), name='template_family_version')],
                },
            ),
            migrations.CreateModel(
                name='HistoricalChecklistItem',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('order', models.PositiveIntegerField(verbose_name='並び順')),
                    ('number', models.CharField(max_length=10, verbose_name='番号')),
                    ('group', models.CharField(blank=True, max_length=50, verbose_name='区分')),
                    ('category', models.CharField(max_length=50, verbose_name='分類')),
                    ('text', models.TextField(verbose_name='点検項目')),
                    ('explanation', models.TextField(blank=True, verbose_name='解説')),
                    ('dash_allowed', models.BooleanField(default=False, verbose_name='「－」を選べる')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('template', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='checklists.checklisttemplate', verbose_name='様式')),
                ],
                options={
                    'verbose_name': 'historical 点検項目',
                    'verbose_name_plural': 'historical 点検項目',
                    'db_table': 'inspections_historicalchecklistitem',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalChecklistTemplate',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('family', models.CharField(max_length=50, verbose_name='様式コード')),
                    ('version', models.PositiveIntegerField(verbose_name='版')),
                    ('name', models.CharField(max_length=200, verbose_name='名称')),
                    ('kind', models.CharField(choices=[('monthly', '情報に関する点検表（所属）'), ('staff', '職員セルフチェック'), ('system', '情報システム管理点検'), ('survey', '臨時調査')], max_length=20, verbose_name='種類')),
                    ('status', models.CharField(choices=[('draft', '作成中'), ('in_use', '使用中'), ('superseded', '改訂済み（旧版）')], default='draft', max_length=20, verbose_name='状態')),
                    ('notes', models.TextField(blank=True, verbose_name='備考（様式に印刷する注意書き）')),
                    ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='使用開始日時')),
                    ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='作成日時')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical 点検表の様式',
                    'verbose_name_plural': 'historical 点検表の様式',
                    'db_table': 'inspections_historicalchecklisttemplate',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='ChecklistItem',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('order', models.PositiveIntegerField(verbose_name='並び順')),
                    ('number', models.CharField(max_length=10, verbose_name='番号')),
                    ('group', models.CharField(blank=True, max_length=50, verbose_name='区分')),
                    ('category', models.CharField(max_length=50, verbose_name='分類')),
                    ('text', models.TextField(verbose_name='点検項目')),
                    ('explanation', models.TextField(blank=True, verbose_name='解説')),
                    ('dash_allowed', models.BooleanField(default=False, verbose_name='「－」を選べる')),
                    ('template', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='checklists.checklisttemplate', verbose_name='様式')),
                ],
                options={
                    'verbose_name': '点検項目',
                    'verbose_name_plural': '点検項目',
                    'db_table': 'inspections_checklistitem',
                    'ordering': ['template', 'order'],
                    'constraints': [models.UniqueConstraint(fields=('template', 'number'), name='item_number_per_template')],
                },
            ),
        ]),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
