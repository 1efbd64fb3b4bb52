"""A reminder stored under the key of before the one scheme is found again after the migration."""

import importlib
from datetime import date

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from hogokan.core.models import Notification, Reminder
from hogokan.core.services import reminders_process
from hogokan.inspections import services
from hogokan.inspections.models import InspectionResponse

keys_migration = importlib.import_module("hogokan.core.migrations.0003_reminder_keys_by_model")


def test_an_existing_reminder_is_found_again_and_nobody_is_notified_twice(citizens_response):
    # The database as it was: the response's reminder under its old key, the 3-days-before step sent.
    reminder = Reminder.objects.get(key=f"inspections.inspectionresponse:{citizens_response.pk}:submit")
    Reminder.objects.filter(pk=reminder.pk).update(key=f"inspections.response:{citizens_response.pk}")
    three_days_before = date(2026, 11, 10)
    assert reminders_process(three_days_before) >= 1
    sent = Notification.objects.count()

    keys_migration.forwards(apps, None)
    services.response_schedule_reminders(citizens_response)  # what any later save of the response does

    of_response = Reminder.objects.filter(content_type=ContentType.objects.get_for_model(InspectionResponse),
                                          object_id=citizens_response.pk)
    assert list(of_response.values_list("key", flat=True)) == [reminder.key]
    assert reminders_process(three_days_before) == 0
    assert Notification.objects.count() == sent
