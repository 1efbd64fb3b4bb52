from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hogokan.assets import api as assets_api
from hogokan.audits import api as audits_api
from hogokan.core.dashboard import LATER, OPEN, OVERDUE, SOON, SOON_DAYS, DueItem, sort_tasks
from hogokan.core.lists import paginate
from hogokan.core.models import Notification
from hogokan.core.redirects import safe_next
from hogokan.disclosures import api as disclosures_api
from hogokan.incidents import api as incidents_api
from hogokan.inspections import api as inspections_api
from hogokan.mynumber import api as mynumber_api
from hogokan.outsourcing import api as outsourcing_api
from hogokan.purpose_uses import api as purpose_uses_api
from hogokan.registers import api as registers_api
from hogokan.training import api as training_api

# Each module says what its users have to do; the dashboard lists them in this order.
DASHBOARD_SOURCES = (incidents_api, disclosures_api, inspections_api, purpose_uses_api, registers_api,
                     outsourcing_api, assets_api, training_api, mynumber_api, audits_api)


@login_required
def dashboard(request):
    """今日のタスク: the modules' work and the unread reminders, sorted by one definition of the due states."""
    today = timezone.localdate()
    notes = request.user.notifications.filter(read_at__isnull=True)
    reminders = [DueItem(note.subject, note.url, note.due_date, note=note)
                 for note in notes.filter(due_date__isnull=False).order_by("due_date")[:50]]
    work = [item for source in DASHBOARD_SOURCES for item in source.dashboard_items(request.actor, today)]
    tasks = sort_tasks(work + reminders, today)
    return render(request, "site/dashboard.html", {
        "today": today, "overdue": tasks[OVERDUE], "upcoming": tasks[SOON], "work": tasks[LATER] + tasks[OPEN],
        "soon_days": SOON_DAYS, "unread": notes.filter(due_date__isnull=True)[:10]})


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
