from django.db import migrations


def load(apps, schema_editor):
    from hogokan.incidents.catalogue import DEFAULT_ITEMS

    data_item = apps.get_model("incidents", "DataItem")
    for order, (name, sensitive, ordinance, prop, my_number) in enumerate(DEFAULT_ITEMS, start=1):
        data_item.objects.get_or_create(name=name, defaults={
            "sensitive": sensitive, "ordinance_sensitive": ordinance, "property_risk": prop,
            "my_number": my_number, "order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
