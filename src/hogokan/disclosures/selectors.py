"""Reads of the requests shared by the pages, the API and the dashboard."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce

from hogokan.core.permissions import VIEW, restrict
from hogokan.disclosures.models import Correction, DataSubjectRequest


def with_state(queryset):
    """Adds effective_due_date (the extended due date when extended) and awaiting_correction (a 補正
    asked and not yet received: the clock is stopped, so the stored due date is not final)."""
    return queryset.annotate(
        effective_due_date=Coalesce("extended_due_date", "due_date"),
        awaiting_correction=Exists(Correction.objects.filter(request=OuterRef("pk"), received_on__isnull=True)),
    )


def overdue_filter(today) -> Q:
    return Q(is_open=True, awaiting_correction=False, effective_due_date__lt=today)


def open_filter() -> Q:
    """Not withdrawn and some handling unit has not decided yet (kept in ``is_open`` by the services)."""
    return Q(is_open=True)


def open_requests(actor):
    return with_state(restrict(DataSubjectRequest.objects.all(), actor, VIEW)).filter(open_filter())
