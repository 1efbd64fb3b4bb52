from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hogokan.core.lists import paginate
from hogokan.core.models import Notification
from hogokan.core.redirects import safe_next
from hogokan.disclosures import api as disclosures_api
from hogokan.incidents import api as incidents_api
from hogokan.inspections import api as inspections_api
from hogokan.outsourcing import api as outsourcing_api
from hogokan.purpose_uses import api as purpose_uses_api
from hogokan.registers import api as registers_api

# Each module says what its users have to do; the dashboard lists them in this order.
DASHBOARD_SOURCES = (incidents_api, disclosures_api, inspections_api, purpose_uses_api, registers_api,
                     outsourcing_api)


@login_required
def dashboard(request):
    """今日のタスク: the user's unread notifications and what falls due soon."""
    today = timezone.localdate()
    notes = request.user.notifications.all()
    due_items = notes.filter(due_date__isnull=False, read_at__isnull=True).order_by("due_date")[:20]
    overdue = [note for note in due_items if note.due_date < today]
    upcoming = [note for note in due_items if today <= note.due_date <= today + timedelta(days=14)]
    unread = notes.filter(read_at__isnull=True, due_date__isnull=True)[:10]
    work = [item for source in DASHBOARD_SOURCES for item in source.dashboard_items(request.actor, today)]
    work.sort(key=lambda item: not item.overdue)  # overdue first; stable, so incidents stay on top of each group
    return render(request, "site/dashboard.html",
                  {"today": today, "overdue": overdue, "upcoming": upcoming, "unread": unread, "work": work})


@login_required
def notifications(request):
    show = request.GET.get("show", "unread")
    notes = request.user.notifications.all()
    if show == "unread":
        notes = notes.filter(read_at__isnull=True)
    page = paginate(request, notes)
    return render(request, "site/notifications.html", {"page": page, "show": show})


@login_required
@require_POST
def notification_read(request, pk: int):
    note = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    if request.POST.get("open") and safe_next(request, note.url, "") == note.url:
        return redirect(note.url)
    return redirect(safe_next(request, request.POST.get("back"), reverse("site:notifications")))


@login_required
@require_POST
def notifications_read_all(request):
    request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("site:notifications")
