"""The checklist templates and items now belong to hogokan.checklists (see checklists 0001): state only.

The foreign keys Campaign.template and Answer.item (and their history columns) point at the moved
models; the database keeps its tables, rows and constraints as they are.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('checklists', '0001_move_checklists'),
        ('inspections', '0002_answer_by_unit_index'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='historicalanswer',
                name='item',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='checklists.checklistitem', verbose_name='点検項目'),
            ),
            migrations.AlterField(
                model_name='answer',
                name='item',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='answers', to='checklists.checklistitem', verbose_name='点検項目'),
            ),
            migrations.AlterField(
                model_name='historicalcampaign',
                name='template',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='checklists.checklisttemplate', verbose_name='点検表の様式'),
            ),
            migrations.RemoveField(
                model_name='historicalchecklistitem',
                name='template',
            ),
            migrations.AlterField(
                model_name='campaign',
                name='template',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='campaigns', to='checklists.checklisttemplate', verbose_name='点検表の様式'),
            ),
            migrations.RemoveField(
                model_name='historicalchecklistitem',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalchecklisttemplate',
                name='history_user',
            ),
            migrations.DeleteModel(
                name='ChecklistItem',
            ),
            migrations.DeleteModel(
                name='ChecklistTemplate',
            ),
            migrations.DeleteModel(
                name='HistoricalChecklistItem',
            ),
            migrations.DeleteModel(
                name='HistoricalChecklistTemplate',
            ),
        ]),
    ]
