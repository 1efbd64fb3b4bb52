"""/registers/public/: the published 個人情報ファイル簿 for everyone, no login (法75①).

These pages read only FileVersion rows with ``public=True`` of files not retired, and show a withheld
item (法75③) without its value: a draft, an unpublished revision, a withheld item or a retired
file cannot reach them (tests/registers/test_public.py).
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hogokan.core.exports import csv_response, export_format, export_links
from hogokan.org.models import Organ
from hogokan.registers import exports, items
from hogokan.registers.models import FileVersion, PersonalInfoFile

PAGE_SIZE = 50


def published_versions():
    """The one public version of every file still on the register."""
    return (FileVersion.objects.filter(public=True).exclude(file__status=PersonalInfoFile.Status.RETIRED)
            .select_related("organ", "unit"))


def _filtered(request):
    versions = published_versions()
    get = request.GET
    if get.get("organ", "").isdigit():
        versions = versions.filter(organ_id=int(get["organ"]))
    if get.get("unit", "").isdigit():
        versions = versions.filter(unit_id=int(get["unit"]))
    if get.get("kind") in PersonalInfoFile.Kind.values:
        versions = versions.filter(kind=get["kind"])
    keyword = get.get("q", "").strip()[:100]
    if keyword:
        versions = versions.filter(Q(name__icontains=keyword) | Q(search_text__icontains=keyword))
    return versions.order_by("organ__display_order", "unit__code", "name", "pk")


@require_GET
def public_list(request):
    versions = _filtered(request)
    kind = export_format(request)
    if kind == "xlsx":
        return exports.workbook_response("personal-info-file-register", [
            ("個人情報ファイル簿", exports.PUBLIC_HEADER, exports.public_rows(versions))])
    if kind == "csv":
        return csv_response("personal-info-file-register", exports.PUBLIC_HEADER, exports.public_rows(versions))
    page = Paginator(versions.only("pk", "file_id", "name", "kind", "number", "published_at", "organ__name",
                                   "organ__display_order", "unit__name", "unit__code"), PAGE_SIZE
                     ).get_page(request.GET.get("page"))
    units = (published_versions().order_by("unit__code").values_list("unit_id", "unit__name", "unit__code")
             .distinct())
    return render(request, "registers/public_list.html", {
        "page": page, "organs": Organ.objects.filter(pk__in=published_versions().values("organ_id")),
        "units": units, "kinds": PersonalInfoFile.Kind.choices, "export_links": export_links(request),
    })


@require_GET
def public_detail(request, file_id: int):
    version = published_versions().filter(file_id=file_id).first()
    if version is None:
        raise Http404("公表中の個人情報ファイルではありません。")
    rows = items.rows_of(version.snapshot, version.withheld, public=True)
    return render(request, "registers/public_detail.html", {"version": version, "rows": rows,
                                                            "withheld_text": items.WITHHELD_TEXT})
