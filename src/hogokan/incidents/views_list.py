"""Incident and near-miss lists: scoped, filtered by query string, searchable (trigram), exportable."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone

from hogokan.core.exports import export_format, export_links, table_download
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import paginate
from hogokan.core.permissions import VIEW, require, restrict
from hogokan.incidents import search, services
from hogokan.incidents.forms import IncidentFilterForm, NearMissFilterForm, NearMissForm
from hogokan.incidents.models import Incident, NearMiss


def _incidents(actor):
    return restrict(Incident.objects.select_related("unit"), actor, VIEW)


def filtered_incidents(request):
    """The incidents of the list, narrowed by the filter form (invalid values are ignored and shown)."""
    form = IncidentFilterForm(request.GET or None, actor=request.actor)
    return form, form.filtered(_incidents(request.actor))


def _yes(value: bool) -> str:
    return "○" if value else ""


@login_required
def incident_list(request):
    form, incidents = filtered_incidents(request)
    incidents = incidents.order_by("-learned_on", "-pk")
    kind = export_format(request)
    if kind:
        header = ["事案番号", "件名", "発生部署", "発生日", "判明日", "種類", "媒体", "原因", "本人の数", "概数",
                  "委託先", "報告要否", "該当号", "速報の目安", "速報の提出日", "確報の期限", "確報の提出日", "本人への通知",
                  "状態"]
        rows = ([i.number, i.title, i.unit.name, i.occurred_on, i.learned_on, i.get_kind_display(),
                 i.get_medium_display(), i.get_cause_display(), i.persons, _yes(i.persons_is_estimate),
                 i.contractor_name, "要" if i.report_required else "不要", "、".join(i.ground_labels),
                 i.preliminary_due, i.preliminary_reported_on, i.final_due, i.final_reported_on,
                 i.get_notice_status_display(), i.get_status_display()] for i in incidents.iterator())
        return table_download(kind, stem="incidents", title="漏えい等事案", header=header, rows=rows)
    page = paginate(request, incidents)
    return render(request, "incidents/incident_list.html", {
        "form": form, "page": page, "exports": export_links(request), "today": timezone.localdate(),
        "is_office": request.actor.oversees,
        "can_report": not request.actor.is_auditor,
    })


@login_required
def search_all(request):
    """One search box over incidents and near misses (trigram; 1–2 characters fall back to contains)."""
    query = request.GET.get("q", "").strip()[:100]
    incidents = near_misses = None
    if query:
        incidents = search.matching(_incidents(request.actor), search.INCIDENT, query).order_by("-learned_on")[:50]
        near_misses = search.matching(restrict(NearMiss.objects.select_related("unit"), request.actor, VIEW),
                                      search.NEAR_MISS, query).order_by("-occurred_on")[:50]
    return render(request, "incidents/search.html", {"q": query, "incidents": incidents,
                                                     "near_misses": near_misses})


@login_required
def near_miss_list(request):
    require(request.actor.is_staff_member, "ヒヤリ・ハットは職員の間で共有する情報です。")
    form = NearMissFilterForm(request.GET or None, actor=request.actor)
    near_misses = form.filtered(restrict(NearMiss.objects.select_related("unit"), request.actor, VIEW))
    near_misses = near_misses.order_by("-occurred_on", "-pk")
    kind = export_format(request)
    if kind:
        header = ["発生日", "件名", "部署", "媒体", "起きそうになったこと", "何が起きたか", "気付き・防止策"]
        rows = ([n.occurred_on, n.title, n.unit.name if n.unit else "", n.get_medium_display(), n.get_kind_display(),
                 n.description, n.lesson] for n in near_misses.iterator())
        return table_download(kind, stem="near-misses", title="ヒヤリ・ハット", header=header, rows=rows)
    return render(request, "incidents/near_miss_list.html", {"page": paginate(request, near_misses), "form": form,
                                                             "exports": export_links(request)})


@login_required
def near_miss_create(request):
    require(request.actor.is_staff_member and not request.actor.read_only, "ヒヤリ・ハットの共有は職員が行います。")
    initial = {"occurred_on": timezone.localdate()}
    if request.actor.assignment and request.actor.assignment.unit_id:
        initial["unit"] = request.actor.assignment.unit_id
    form = NearMissForm(request.POST or None, initial=initial, actor=request.actor)
    if request.method == "POST" and form.is_valid():
        try:
            near_miss = services.near_miss_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"ヒヤリ・ハット「{near_miss.title}」を共有しました。")
            return redirect("incidents:near_miss_detail", pk=near_miss.pk)
    return render(request, "incidents/near_miss_form.html", {"form": form})


@login_required
def near_miss_detail(request, pk: int):
    from hogokan.core.permissions import get_for_actor

    near_miss = get_for_actor(NearMiss.objects.select_related("unit", "reported_by"), request.actor, pk=pk)
    return render(request, "incidents/near_miss_detail.html", {"near_miss": near_miss,
                                                               "history": history_of(near_miss)})


def similar_incidents(actor, incident: Incident, limit: int = 5) -> list[tuple[Incident, int]]:
    """Past cases that read alike (character-trigram overlap of title and summary), best first."""
    own = search.trigrams(f"{incident.title} {incident.summary} {incident.cause_detail}")
    candidates = (_incidents(actor).exclude(pk=incident.pk)
                  .filter(Q(learned_on__lte=incident.learned_on) | Q(kind=incident.kind))
                  .only("pk", "number", "title", "summary", "cause_detail", "kind", "learned_on", "unit__name")
                  .order_by("-learned_on")[:2000])
    scored = []
    for other in candidates:
        score = search.similarity(own, search.trigrams(f"{other.title} {other.summary} {other.cause_detail}"))
        if incident.kind and other.kind == incident.kind:
            score += 0.1
        if score >= 0.08:
            scored.append((other, round(score * 100)))
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]
