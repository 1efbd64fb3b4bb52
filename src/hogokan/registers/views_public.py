"""/registers/public/: the published 個人情報ファイル簿 for everyone, no login (法75①), and the 個人情報取扱事務
the office chose to publish (/registers/public/affairs/, issue 22 §5).

These pages read only FileVersion rows with ``public=True`` of files not retired, and show a withheld
item (法75③) without its value: a draft, an unpublished revision, a withheld item or a retired
file cannot reach them (tests/registers/test_public.py).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.views.decorators.http import require_GET

from hogokan.core.exports import Table, export_format, export_links, table_response
from hogokan.core.lists import paginate
from hogokan.org.models import Organ, OrgUnit
from hogokan.registers import exports, items
from hogokan.registers.forms import PublicFilterForm
from hogokan.registers.models import FileVersion, HandlingAffair, PersonalInfoFile

PAGE_CACHE_SECONDS = 600


def published_versions():
    """The one public version of every file still on the register."""
    return (FileVersion.objects.filter(public=True).exclude(file__status=PersonalInfoFile.Status.RETIRED)
            .select_related("organ", "unit"))


def _filtered(request):
    versions = PublicFilterForm(request.GET or None).filtered(published_versions())
    return versions.order_by("organ__display_order", "unit__code", "name", "pk")


def register_stamp() -> str:
    """Changes whenever what the public may see changes, in one index-only query of O(1).

    Every change of the public register goes through a file's ``save_with_history`` in the same
    transaction (publication, retirement, import: services.file_publish / file_retire), and every
    save of a file, organ or unit adds a history row with a new, never reused ``history_id``; the
    newest of the three therefore moves with each publication, retirement, or renaming of an organ or
    unit (their names are on the list). Other saves of a file (drafts) only cost a cache miss.
    (Count and newest ``published_at`` of the public versions, the former stamp, took a scan of every
    public version: 1.5 ms of PostgreSQL per request at 3,000 files.)
    """
    global _STAMP_SQL
    if _STAMP_SQL is None:
        quote = connection.ops.quote_name
        parts = []
        for model in (PersonalInfoFile, Organ, OrgUnit):
            history = model.history.model  # builds a manager class: once per process, not per request
            # identifiers from the models, quoted; no user input in this SQL
            parts.append(f"(SELECT MAX({quote(history._meta.pk.column)}) FROM {quote(history._meta.db_table)})")  # noqa: S608
        _STAMP_SQL = f"SELECT {', '.join(parts)}"
    with connection.cursor() as cursor:
        cursor.execute(_STAMP_SQL)
        return ":".join(str(value or 0) for value in cursor.fetchone())


_STAMP_SQL = None


def _anonymous_without_state(request) -> bool:
    """A visitor with no session and no pending messages: the page is the same for all of them.

    Decided from the cookies alone, so that such a request reads no session and no user (no query)."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


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
    kind = export_format(request)
    if kind is not None:
        versions = _filtered(request)
        table = Table("register", "個人情報ファイル簿", exports.PUBLIC_HEADER, exports.public_rows(versions))
        return table_response(kind, table, stem="personal-info-file-register")
    # The same page for every visitor without a session (no CSRF token, no user, no messages in it):
    # the whole response body is kept per query string until the register changes (register_stamp).
    # A hit costs the stamp query only; the session and the user are not read (they are decided
    # from the cookies). Signed-in users get it fresh.
    if not _anonymous_without_state(request):
        shared = not request.user.is_authenticated and len(get_messages(request)) == 0
    else:
        shared = True
    stamp = register_stamp()
    entry = None
    if shared:
        key = "registers:public:" + hashlib.sha256(f"{stamp}|{request.META.get('QUERY_STRING', '')}".encode()
                                                   ).hexdigest()
        entry = cache.get(key)
    if entry is None:
        content = _render_list(request, stamp)
        entry = (f'"{hashlib.sha256(content).hexdigest()[:32]}"', content)
        if shared:
            cache.set(key, entry, PAGE_CACHE_SECONDS)
    if not shared:
        return HttpResponse(entry[1])
    etag, content = entry
    response = HttpResponse(content)
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"  # a browser revalidates each time: a publication shows at once
    patch_vary_headers(response, ["Cookie"])  # a signed-in user gets another page at this URL
    # Conditional GET (RFC 9110): a browser that has this very page gets 304 without the body.
    return get_conditional_response(request, etag=etag, response=response)


def _render_list(request, stamp: str) -> bytes:
    page = paginate(request, _filtered(request).only(
        "pk", "file_id", "name", "kind", "number", "published_at", "organ__name", "organ__display_order",
        "unit__name", "unit__code"))
    organs, units = _choices(stamp)
    return render(request, "registers/public_list.html", {
        "page": page, "organs": organs, "units": units, "kinds": PersonalInfoFile.Kind.choices,
        "export_links": export_links(request),
    }).content


@require_GET
def public_detail(request, file_id: int):
    version = published_versions().filter(file_id=file_id).first()
    if version is None:
        raise Http404("公表中の個人情報ファイルではありません。")
    rows = items.rows_of(version.snapshot, version.withheld, public=True)
    return render(request, "registers/public_detail.html", {"version": version, "rows": rows,
                                                            "withheld_text": items.WITHHELD_TEXT})


# ---- the public 個人情報取扱事務 list (issue 22 §5) ------------------------------------------------------

AFFAIR_HEADER = ["事務の名称", "行政機関等", "事務を所管する組織", "事務の目的", "取り扱う個人情報の項目", "開始日",
                 "個人情報ファイル簿"]


def published_affairs():
    """The affairs the office chose to publish that are in force; nothing else reaches the public list."""
    return HandlingAffair.objects.filter(public=True, ended_on__isnull=True).select_related("organ", "unit")


def _affairs_filtered(request):
    form = PublicFilterForm(request.GET or None)
    affairs = published_affairs()
    if form.is_valid():
        data = form.cleaned_data
        if data["organ"]:
            affairs = affairs.filter(organ_id=data["organ"])
        if data["unit"]:
            affairs = affairs.filter(unit_id=data["unit"])
        if keyword := data["q"].strip()[:100]:
            # withheld items are not searched (as the ファイル簿's search_text holds only published items)
            affairs = affairs.filter(Q(name__icontains=keyword)
                                     | (Q(purpose__icontains=keyword) & ~Q(withheld__has_key="purpose"))
                                     | (Q(record_items__icontains=keyword) & ~Q(withheld__has_key="record_items")))
    return affairs.order_by("organ__display_order", "unit__code", "name", "pk")


def _public_files(affairs) -> dict[int, list]:
    """Per affair, its files as the public register shows them: the public version of files not retired."""
    links = (PersonalInfoFile.handling_affairs.through.objects.filter(handlingaffair_id__in=[a.pk for a in affairs])
             .values_list("handlingaffair_id", "personalinfofile_id"))
    by_file: dict[int, list[int]] = {}
    for affair_id, file_id in links:
        by_file.setdefault(file_id, []).append(affair_id)
    files: dict[int, list] = {}
    for version in published_versions().filter(file_id__in=by_file).order_by("name"):
        for affair_id in by_file[version.file_id]:
            files.setdefault(affair_id, []).append(version)
    return files


def _shown(affair, key: str) -> str:
    return items.WITHHELD_TEXT if key in (affair.withheld or {}) else getattr(affair, key)


@require_GET
def public_affairs(request):
    kind = export_format(request)
    if kind is not None:
        affairs = list(_affairs_filtered(request))
        files = _public_files(affairs)
        rows = [(a.name, a.organ.name, a.unit.name, _shown(a, "purpose"), _shown(a, "record_items"), a.started_on,
                 "、".join(v.name for v in files.get(a.pk, []))) for a in affairs]
        table = Table("affairs", "個人情報取扱事務", AFFAIR_HEADER, rows)
        return table_response(kind, table, stem="handling-affairs-public")
    page = paginate(request, _affairs_filtered(request))
    files = _public_files(page.object_list)
    shown = [(affair, _shown(affair, "purpose"), _shown(affair, "record_items"), files.get(affair.pk, []))
             for affair in page.object_list]
    public = published_affairs()
    organs = Organ.objects.filter(pk__in=public.values("organ_id")).values("pk", "name")
    units = OrgUnit.objects.filter(pk__in=public.values("unit_id")).order_by("code").values_list("pk", "name", "code")
    return render(request, "registers/public_affairs.html", {
        "page": page, "rows": shown, "organs": organs, "units": units, "export_links": export_links(request)})
