"""人事異動 ends a 事務取扱担当者's designation: each PersonnelEvent that ends an assignment closes the person's
designations in the units they no longer work in, in the same transaction (the worker's job does the same
for anything written outside the services)."""

from datetime import timedelta

from django.db.models.signals import post_save
from django.dispatch import receiver

from hogokan.org.models import PersonnelEvent


@receiver(post_save, sender=PersonnelEvent)
def _assignment_ended(sender, instance: PersonnelEvent, created: bool, **kwargs):
    if not created or instance.kind == PersonnelEvent.Kind.START or instance.from_assignment_id is None:
        return
    from hogokan.mynumber.models import Designation
    from hogokan.mynumber.services import designations_close_departed

    if not Designation.objects.filter(person_id=instance.person_id, end__isnull=True).exists():
        return
    last_day = instance.from_assignment.end or instance.effective_date
    designations_close_departed(today=last_day + timedelta(days=1), actor=instance.recorded_by,
                                person_ids=[instance.person_id])
