"""The yearly tables (八千代市 2①〜④, 箕面市 five years) on screen and as CSV / Excel."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from hogokan.core.calendar import fiscal_year, wareki_fiscal_year
from hogokan.core.exports import tables_export
from hogokan.disclosures import statistics
from hogokan.disclosures.scoping import may_see_statistics


def _year(request) -> int:
    raw = request.GET.get("fiscal_year", "")
    current = fiscal_year(timezone.localdate())
    if raw.isdigit() and 1989 <= int(raw) <= current + 1:
        return int(raw)
    return current


@login_required
def stats(request):
    if not may_see_statistics(request.actor):
        raise PermissionDenied("統計は事務局・監査担当・システム管理者が閲覧できます。")
    year = _year(request)
    tables = statistics.tables_for(year)
    exported = tables_export(request, tables, stem=f"disclosures-{year}", titled=True)
    if exported is not None:
        return exported
    current = fiscal_year(timezone.localdate())
    years = [(y, wareki_fiscal_year(y)) for y in range(current, current - 10, -1)]
    return render(request, "disclosures/stats.html", {"tables": tables, "year": year, "years": years})
