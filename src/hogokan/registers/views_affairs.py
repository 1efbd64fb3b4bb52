"""個人情報取扱事務: list, 開始届 / 変更届 / 廃止届, and the fiscal-year-end counts per organ."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone

from hogokan.core.calendar import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR, fiscal_year, wareki, wareki_fiscal_year
from hogokan.core.exports import export_format, export_links, table_download
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import paginate
from hogokan.core.permissions import CHANGE, VIEW, can, get_for_actor, require, restrict
from hogokan.registers import exports, selectors, services, services_evaluation
from hogokan.registers.forms import AffairChangeForm, AffairEndForm, AffairFilterForm, AffairStartForm
from hogokan.registers.forms_evaluation import AffairPublicationForm
from hogokan.registers.models import HandlingAffair
from hogokan.registers.rules import fiscal_year_end
from hogokan.registers.scoping import can_draft
from hogokan.registers.views_files import require_staff


def _affair_for(request, pk: int, action: str = VIEW) -> HandlingAffair:
    return get_for_actor(HandlingAffair.objects.select_related("organ", "unit"), request.actor, action=action, pk=pk)


@login_required
def affair_list(request):
    actor = request.actor
    require_staff(actor)
    form = AffairFilterForm(request.GET or None, actor=actor)
    affairs = form.filtered(restrict(HandlingAffair.objects.select_related("organ", "unit"), actor, VIEW)).annotate(
        file_count=Count("files", filter=~Q(files__status="retired")))
    affairs = affairs.order_by("organ__display_order", "unit__code", "name", "pk")
    kind = export_format(request)
    if kind:
        return table_download(kind, stem="handling-affairs", title="個人情報取扱事務", header=exports.AFFAIR_HEADER,
                              rows=exports.affair_rows(affairs))
    return render(request, "registers/affair_list.html", {
        "page": paginate(request, affairs), "form": form, "exports": export_links(request), "can_draft": can_draft(actor),
    })


@login_required
def affair_start(request):
    actor = request.actor
    require_staff(actor)
    if not can_draft(actor):
        raise PermissionDenied("個人情報取扱事務の届出をする権限がありません。")
    form = AffairStartForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            affair = services.affair_start(actor=request.user, organ=data["unit"].organ, unit=data["unit"],
                                           name=data["name"], purpose=data["purpose"], record_items=data["record_items"],
                                           started_on=data["started_on"], filed_on=data["filed_on"], note=data["note"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"開始届「{affair.name}」を登録しました。")
            return redirect("registers:affair_detail", affair.pk)
    return render(request, "registers/affair_form.html", {"form": form, "title": "開始届（個人情報取扱事務）"})


@login_required
def affair_detail(request, pk: int):
    actor = request.actor
    affair = _affair_for(request, pk)
    return render(request, "registers/affair_detail.html", {
        "affair": affair, "events": affair.events.select_related("recorded_by"),
        "files": restrict(affair.files.all(), actor, VIEW).select_related("unit"),
        "can_change": affair.ended_on is None and can(actor, affair, CHANGE), "history": history_of(affair),
        "can_publish": actor.is_office, "withheld": [(HandlingAffair.WITHHOLDABLE.get(key, key), reason)
                                                     for key, reason in (affair.withheld or {}).items()],
    })


@login_required
def affair_publication(request, pk: int):
    """The office chooses whether the affair is on the public 取扱事務 list, and what of it is withheld."""
    affair = _affair_for(request, pk)
    require(request.actor.is_office, "取扱事務の公表は事務局（総括保護管理者）が決めます。")
    form = AffairPublicationForm(request.POST or None, initial=AffairPublicationForm.initial_for(affair))
    if request.method == "POST" and form.is_valid():
        try:
            services_evaluation.affair_publication(actor=request.user, affair=affair, public=form.cleaned_data["public"],
                                                   withheld=form.cleaned_data["withheld"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "公表の設定を保存しました。")
            return redirect("registers:affair_detail", affair.pk)
    return render(request, "registers/affair_publication.html", {"affair": affair, "form": form})


@login_required
def affair_change(request, pk: int):
    affair = _affair_for(request, pk, CHANGE)
    form = AffairChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.affair_change(actor=request.user, affair=affair, effective_on=data["effective_on"],
                                   filed_on=data["filed_on"], note=data["note"], name=data["name"] or None,
                                   purpose=data["purpose"] or None, record_items=data["record_items"] or None)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "変更届を登録しました。")
            return redirect("registers:affair_detail", affair.pk)
    return render(request, "registers/affair_form.html", {"form": form, "affair": affair, "title": "変更届"})


@login_required
def affair_end(request, pk: int):
    affair = _affair_for(request, pk, CHANGE)
    form = AffairEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.affair_end(actor=request.user, affair=affair, ended_on=data["ended_on"], note=data["note"],
                                filed_on=data["filed_on"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "廃止届を登録しました。")
            return redirect("registers:affair_detail", affair.pk)
    return render(request, "registers/affair_form.html", {"form": form, "affair": affair, "title": "廃止届"})


def _years(request) -> list[int]:
    """?years=2023,2024; by default the last two fiscal years that have ended (令和5年度末, 令和6年度末 …)."""
    parts = [part.strip() for part in request.GET.get("years", "").split(",")]
    wanted = [int(part) for part in parts if part.isascii() and part.isdigit() and len(part) == 4]
    wanted = sorted({year for year in wanted if FIRST_FISCAL_YEAR <= year <= LAST_FISCAL_YEAR})[:5]
    if wanted:
        return wanted
    last_ended = fiscal_year(timezone.localdate()) - 1
    return [last_ended - 1, last_ended]


@login_required
def counts(request):
    """The 八千代市 table (取扱事務 per organ at each 年度末) with 箕面市's 法定/法定外 file counts."""
    actor = request.actor
    require_staff(actor)
    years = _years(request)
    rows, total = selectors.fiscal_year_counts(actor, years)
    labels = [f"{wareki_fiscal_year(year)}末" for year in years]
    kind = export_format(request)
    if kind:
        header = ["実施機関"]
        for label in labels:
            header += [f"{label} 取扱事務", f"{label} 開始届", f"{label} 変更届", f"{label} 廃止届",
                       f"{label} 法定ファイル", f"{label} 法定外ファイル", f"{label} ファイル計"]
        body = []
        for row in [*rows, total]:
            cells = [str(row.organ)]
            for c in row.years:
                cells += [c.affairs, c.started, c.changed, c.ended, c.statutory, c.non_statutory, c.files]
            body.append(cells)
        return table_download(kind, stem="register-counts", title="取扱事務・ファイル簿の件数", header=header, rows=body)
    today = timezone.localdate()
    return render(request, "registers/counts.html", {
        "years": list(zip(years, labels, [wareki(fiscal_year_end(y)) for y in years], strict=True)),
        "rows": rows, "total": total, "export_links": export_links(request), "years_param": ",".join(map(str, years)),
        "without_file": selectors.affairs_without_file(actor, today)[:200],
        "without_affair": selectors.files_without_affair(actor)[:200],
    })
