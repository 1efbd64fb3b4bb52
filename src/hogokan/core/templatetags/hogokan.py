"""Display filters: dates in 和暦. A filter never raises: a value it cannot name is shown as it is."""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

from hogokan.core import calendar
from hogokan.core.history import display_name

register = template.Library()


def _as_date(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@register.filter
def wareki(value):
    """令和8年11月23日"""
    value = _as_date(value)
    return calendar.wareki(value) if isinstance(value, date) else ""


@register.filter
def wareki_weekday(value):
    value = _as_date(value)
    return calendar.wareki(value, weekday=True) if isinstance(value, date) else ""


@register.filter
def wareki_fy(year):
    """令和8年度 for 2026; anything that is not a year is shown unchanged."""
    try:
        return calendar.wareki_fiscal_year(int(year))
    except (TypeError, ValueError, OverflowError):
        return "" if year is None else str(year)


@register.simple_tag(takes_context=True)
def page_query(context, number) -> str:
    """The current query string with ``page`` set: repeated parameters (?unit=1&unit=2) are kept."""
    query = context["request"].GET.copy()
    query["page"] = number
    return query.urlencode()


@register.filter
def wareki_time(value):
    """令和8年12月2日 13:05 for a moment (local time), as history and notices show it."""
    if not isinstance(value, datetime):
        return wareki(value)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{calendar.wareki(local.date())} {local:%H:%M}"


# The colour of a state, by the meaning shared across modules; a model may name its own (status_tones).
STATUS_TONES = {
    "published": "current", "approved": "current", "submitted": "current", "open": "current", "active": "current",
    "current": "current", "in_progress": "current", "in_use": "current", "investigating": "current",
    "responding": "current", "preventing": "current",
    "pending": "future", "planned": "future", "future": "future", "received": "future", "consulting": "future",
    "returned": "overdue", "overdue": "overdue", "rejected": "overdue",
    "retired": "ended", "closed": "ended", "done": "ended", "cancelled": "ended", "ended": "ended",
    "withdrawn": "ended", "finished": "ended", "superseded": "ended",
}


@register.filter
def status_tag(record):
    """``<span class="tag" data-tone="…">公表中</span>`` for a record with a ``status`` field: one colour per meaning."""
    status = getattr(record, "status", "")
    label = record.get_status_display() if hasattr(record, "get_status_display") else status
    tone = getattr(type(record), "status_tones", {}).get(status) or STATUS_TONES.get(status, "")
    tone_attr = format_html(' data-tone="{}"', tone) if tone else ""
    return format_html('<span class="tag"{}>{}</span>', tone_attr, label)


@register.filter
def who(user):
    """The person's name for a user (never the login ID when a name is known); システム for none."""
    return display_name(user)
