"""Every contract names its company now (0003); the old text column and flag go."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("outsourcing", "0003_companies_from_names"),
    ]

    operations = [
        # a default first, so that going back re-creates the column over the rows (the names are in Company)
        migrations.AlterField(
            model_name='contract',
            name='contractor_name',
            field=models.CharField(blank=True, default='', max_length=200, verbose_name='受託者'),
        ),
        migrations.AlterField(
            model_name='historicalcontract',
            name='contractor_name',
            field=models.CharField(blank=True, default='', max_length=200, verbose_name='受託者'),
        ),
        migrations.AlterField(
            model_name='contract',
            name='company',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='contracts', to='outsourcing.company', verbose_name='受託者'),
        ),
        migrations.RemoveField(
            model_name='contract',
            name='contractor_name',
        ),
        migrations.RemoveField(
            model_name='contract',
            name='designated_manager',
        ),
        migrations.RemoveField(
            model_name='historicalcontract',
            name='contractor_name',
        ),
        migrations.RemoveField(
            model_name='historicalcontract',
            name='designated_manager',
        ),
    ]
