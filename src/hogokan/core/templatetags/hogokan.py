"""Display filters: dates in 和暦. A filter never raises: a value it cannot name is shown as it is."""

from datetime import date, datetime

from django import template
from django.utils import timezone

from hogokan.core import calendar

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
