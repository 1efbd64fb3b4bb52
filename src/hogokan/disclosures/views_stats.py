"""The yearly tables (八千代市 2①〜④, 箕面市 five years) on screen and as CSV / Excel."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from hogokan.core.exports import tables_export, tables_links
from hogokan.core.lists import fiscal_year_choices, fiscal_year_param
from hogokan.core.permissions import require
from hogokan.disclosures import statistics


@login_required
def stats(request):
    require(request.actor.oversees, "統計は事務局・監査担当・システム管理者が閲覧できます。")
    year = fiscal_year_param(request)
    tables = statistics.tables_for(year)
    exported = tables_export(request, tables, stem=f"disclosures-{year}", titled=True)
    if exported is not None:
        return exported
    return render(request, "disclosures/stats.html", {"exports": tables_links(request, tables), "year": year,
                                                      "years": fiscal_year_choices()})
