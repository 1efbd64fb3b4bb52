"""The systems register pages: list (filters, downloads), entry, accounts, the user-list import (dry run →
「取り込む」) and the 京都市 survey tables."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hogokan.assets import importing, services, survey
from hogokan.assets.forms import AccountForm, AccountImportForm, SystemFilterForm, SystemForm
from hogokan.assets.models import AccessReview, InfoSystem, SystemAccount
from hogokan.assets.scoping import may_register
from hogokan.core.exports import export_format, export_links, table_download, tables_export, tables_links
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import filter_data, paginate
from hogokan.core.permissions import CHANGE, VIEW, can, get_for_actor, require, restrict
from hogokan.core.tabular import ImportStaging, StagingError
from hogokan.org.models import OrgUnit, Person
from hogokan.outsourcing import api as outsourcing
from hogokan.registers import api as registers

STAGING = ImportStaging("assets-accounts")
MAX_LISTED_ERRORS = 200
SYSTEM_HEADER = ["システム名", "所管課", "個人情報", "特定個人情報", "設置場所", "ネットワーク", "利用者ID",
                 "管理者権限を付与できる者", "ログの取得", "ログの保存期間", "ログの点検・分析", "利用者への周知",
                 "修正プログラム", "棚卸し", "事業者", "稼働開始日", "廃止日"]


def _staff(actor) -> None:
    require(actor.is_staff_member, "情報システムのページは職員が利用できます。")


def _system(request, pk: int, action: str = VIEW) -> InfoSystem:
    return get_for_actor(InfoSystem.objects.select_related("unit", "contract"), request.actor, action=action, pk=pk)


def _yes(value: bool) -> str:
    return "あり" if value else "なし"


def _system_row(s: InfoSystem) -> list:
    return [s.name, s.unit.name, _yes(s.handles_personal_information), _yes(s.handles_specific_personal_information),
            s.get_location_display(), s.get_network_display(), s.get_id_policy_display(), s.admin_grantor_labels(),
            "行っている" if s.log_collected else "行っていない", s.log_retention, s.get_log_analysis_frequency_display(),
            "行っている" if s.log_users_informed else "行っていない", s.get_patching_by_display(),
            s.get_stocktake_frequency_display(), s.vendor, s.in_use_since, s.retired_on]


@login_required
def system_list(request):
    actor = request.actor
    _staff(actor)
    form = SystemFilterForm(filter_data(request, SystemFilterForm), actor=actor)
    systems = form.filtered(restrict(InfoSystem.objects.select_related("unit"), actor, VIEW)).order_by(
        "unit__code", "name", "pk")
    kind = export_format(request)
    if kind:
        return table_download(kind, stem="info-systems", title="情報システムの一覧", header=SYSTEM_HEADER,
                              rows=(_system_row(s) for s in systems))
    return render(request, "assets/system_list.html", {
        "form": form, "page": paginate(request, systems), "exports": export_links(request),
        "can_register": may_register(actor)})


def _form_choices(request, actor, system=None) -> dict:
    units = OrgUnit.objects.valid_on(timezone.localdate())
    if not actor.is_office:
        units = units.filter(pk__in=actor.unit_ids or [])
    if system is not None:
        units = units | OrgUnit.objects.filter(pk=system.unit_id)
    return {"units": units.order_by("code"), "files": registers.files_for(actor),
            "affairs": registers.affairs_for(actor), "contracts": outsourcing.contracts_for(actor)}


def _save(request, form, system=None):
    data = dict(form.cleaned_data)
    files, affairs = list(data.pop("files")), list(data.pop("affairs"))
    try:
        return services.system_save(actor=request.user, system=system, files=files, affairs=affairs, **data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


@login_required
def system_create(request):
    actor = request.actor
    _staff(actor)
    require(may_register(actor), "情報システムの登録は所管課の保護責任者・担当者又は事務局が行います。")
    form = SystemForm(request.POST or None, **_form_choices(request, actor))
    if request.method == "POST" and form.is_valid() and (system := _save(request, form)):
        messages.success(request, f"情報システム「{system.name}」を登録しました。")
        return redirect("assets:system_detail", system.pk)
    return render(request, "assets/form.html", {"form": form, "title": "情報システムの登録", "submit": "登録する"})


@login_required
def system_edit(request, pk: int):
    actor = request.actor
    system = _system(request, pk, CHANGE)
    form = SystemForm(request.POST or None, instance=system, **_form_choices(request, actor, system))
    if request.method == "POST" and form.is_valid() and _save(request, form, InfoSystem.objects.get(pk=pk)):
        messages.success(request, "情報システムの登録内容を変更しました。")
        return redirect("assets:system_detail", pk)
    return render(request, "assets/form.html", {"form": form, "title": f"登録内容の変更: {system.name}",
                                                "submit": "変更する", "system": system})


@login_required
def system_detail(request, pk: int):
    actor = request.actor
    system = _system(request, pk)
    accounts = restrict(SystemAccount.objects.filter(system=system), actor, VIEW).select_related("person")
    reviews = restrict(AccessReview.objects.filter(system=system, status=AccessReview.Status.OPEN), actor,
                       VIEW).select_related("person", "account")
    return render(request, "assets/system_detail.html", {
        "system": system, "page": paginate(request, accounts.order_by("disabled_on", "account_id")),
        "files": system.files.all(), "affairs": system.affairs.all(), "reviews": reviews,
        "stocktakes": system.stocktakes.order_by("-due")[:5], "stocktake_due": services.stocktake_due(system),
        "analyses": system.log_analyses.select_related("analysed_by")[:5],
        "analysis_due": services.log_analysis_due(system), "can_change": can(actor, system, CHANGE),
        "history": history_of(system)})


# ---- accounts ----------------------------------------------------------------------------------------

@login_required
def account_add(request, pk: int):
    system = _system(request, pk, CHANGE)
    form = AccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = Person.objects.filter(employee_no=data["employee_no"].strip()).first()
        if person is None:
            form.add_error("employee_no", f"職員番号「{data['employee_no']}」の職員等は登録されていません。")
        else:
            try:
                services.account_add(actor=request.user, system=system, person=person, account_id=data["account_id"],
                                     admin=data["admin"], shared=data["shared"], granted_on=data["granted_on"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"アカウント「{data['account_id']}」を登録しました。")
                return redirect("assets:system_detail", pk)
    return render(request, "assets/form.html", {"form": form, "title": f"アカウントの登録: {system.name}",
                                                "submit": "登録する", "system": system})


@login_required
@require_POST
def account_disable(request, pk: int, account_pk: int):
    system = _system(request, pk, CHANGE)
    account = get_for_actor(SystemAccount.objects.filter(system=system), request.actor, action=CHANGE, pk=account_pk)
    try:
        services.account_disable(actor=request.user, account=account, disabled_on=timezone.localdate())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"アカウント「{account.account_id}」を停止しました。")
    return redirect("assets:system_detail", pk)


def _preview(request, system, result, filename, token):
    errors = [str(issue) for issue in result.errors]
    return render(request, "assets/import_preview.html", {
        "system": system, "result": result, "filename": filename, "token": token,
        "errors": errors[:MAX_LISTED_ERRORS], "more_errors": max(0, len(errors) - MAX_LISTED_ERRORS),
        "rows": result.preview[:200]})


@login_required
def account_import(request, pk: int):
    system = _system(request, pk, CHANGE)
    form = AccountImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        filename, fmt, data = form.cleaned_data["file"]
        result = importing.check(system=system, filename=filename, data=data)
        token = STAGING.stage(request, data, fmt, system=system.pk, filename=filename) if result.ok else ""
        return _preview(request, system, result, filename, token)
    return render(request, "assets/import_start.html", {"form": form, "system": system,
                                                        "columns": importing.COLUMNS})


@login_required
@require_POST
def account_import_commit(request, pk: int):
    system = _system(request, pk, CHANGE)
    try:
        pending, data = STAGING.take(request, request.POST.get("token", ""))
    except StagingError as exc:
        messages.error(request, str(exc))
        return redirect("assets:account_import", pk)
    if pending.get("system") != system.pk:
        messages.error(request, "別のシステムのために確認したファイルです。もう一度ファイルを選んで確認してください。")
        return redirect("assets:account_import", pk)
    result = importing.commit(actor=request.user, system=system, filename=pending["filename"], data=data)
    STAGING.discard(request)
    if not result.committed:
        return _preview(request, system, result, pending["filename"], "")
    messages.success(request, f"{result.created}件のアカウントを取り込みました。")
    return redirect("assets:system_detail", pk)


# ---- the 京都市 survey tables --------------------------------------------------------------------------

@login_required
def survey_view(request):
    actor = request.actor
    _staff(actor)
    tables = survey.survey_tables(survey.in_use(restrict(InfoSystem.objects.all(), actor, VIEW)))
    if response := tables_export(request, tables, stem="info-systems-survey"):
        return response
    return render(request, "assets/survey.html", {"exports": tables_links(request, tables), "tables": tables})
