"""/registers/public/: the published 個人情報ファイル簿 for everyone, no login (法75①).

These pages read only FileVersion rows with ``public=True`` of files not retired, and show a withheld
item (法75③) without its value: a draft, an unpublished revision, a withheld item or a retired
file cannot reach them (tests/registers/test_public.py).
"""

from __future__ import annotations

import hashlib

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hogokan.core.exports import csv_response, export_format, export_links
from hogokan.org.models import Organ, OrgUnit
from hogokan.registers import exports, items
from hogokan.registers.models import FileVersion, PersonalInfoFile

PAGE_SIZE = 50
PAGE_CACHE_SECONDS = 600


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
        versions = versions.filter(search_text__icontains=keyword)  # the name is one of the published items
    return versions.order_by("organ__display_order", "unit__code", "name", "pk")


def register_stamp() -> str:
    """Changes whenever what the public sees changes: a publication makes a newer ``published_at``
    (the version published last is the newest), a retirement lowers the count of public versions."""
    stamp = FileVersion.objects.filter(public=True).aggregate(count=Count("pk"), last=Max("published_at"))
    return f"{stamp['count']}:{stamp['last'].timestamp() if stamp['last'] else 0}"


def _choices(stamp: str) -> tuple[list, list]:
    """The organs and units that have published files (the search form's lists), per register state."""
    key = f"registers:public:choices:{stamp}"
    choices = cache.get(key)
    if choices is None:
        public = FileVersion.objects.filter(public=True)
        organs = list(Organ.objects.filter(pk__in=public.values("organ_id")).values("pk", "name"))
        units = list(OrgUnit.objects.filter(pk__in=public.values("unit_id")).order_by("code")
                     .values_list("pk", "name", "code"))
        choices = (organs, units)
        cache.set(key, choices, PAGE_CACHE_SECONDS)
    return choices


@require_GET
def public_list(request):
    versions = _filtered(request)
    kind = export_format(request)
    if kind == "xlsx":
        return exports.workbook_response("personal-info-file-register", [
            ("個人情報ファイル簿", exports.PUBLIC_HEADER, exports.public_rows(versions))])
    if kind == "csv":
        return csv_response("personal-info-file-register", exports.PUBLIC_HEADER, exports.public_rows(versions))
    # The same page for every anonymous visitor (no CSRF token, no user, no messages in it): kept per
    # query string until the register changes (register_stamp). Signed-in users get it fresh.
    shared = not request.user.is_authenticated and len(get_messages(request)) == 0
    stamp = register_stamp()
    key = "registers:public:" + hashlib.sha256(f"{stamp}|{request.GET.urlencode()}".encode()).hexdigest()
    content = cache.get(key) if shared else None
    if content is None:
        page = Paginator(versions.only("pk", "file_id", "name", "kind", "number", "published_at", "organ__name",
                                       "organ__display_order", "unit__name", "unit__code"), PAGE_SIZE
                         ).get_page(request.GET.get("page"))
        organs, units = _choices(stamp)
        content = render(request, "registers/public_list.html", {
            "page": page, "organs": organs, "units": units, "kinds": PersonalInfoFile.Kind.choices,
            "export_links": export_links(request),
        }).content
        if shared:
            cache.set(key, content, PAGE_CACHE_SECONDS)
    return HttpResponse(content)


@require_GET
def public_detail(request, file_id: int):
    version = published_versions().filter(file_id=file_id).first()
    if version is None:
        raise Http404("公表中の個人情報ファイルではありません。")
    rows = items.rows_of(version.snapshot, version.withheld, public=True)
    return render(request, "registers/public_detail.html", {"version": version, "rows": rows,
                                                            "withheld_text": items.WITHHELD_TEXT})
