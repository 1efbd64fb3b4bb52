"""The pages of the uses and provisions: list, draft, detail with 合議 and approval, edit, statistics."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hogokan.core.confirm import confirm_first
from hogokan.core.exports import export_format, export_links, table_download, tables_export, tables_links
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import fiscal_year_choices, fiscal_year_param, paginate
from hogokan.core.permissions import CHANGE, VIEW, can, get_for_actor, require, restrict
from hogokan.core.views import attachments_context
from hogokan.org.models import OrgUnit
from hogokan.purpose_uses import services, statistics
from hogokan.purpose_uses.forms import ReviewForm, UseFilterForm, UseForm
from hogokan.purpose_uses.models import OutOfPurposeUse
from hogokan.purpose_uses.scoping import may_approve
from hogokan.registers import api as registers

FIELDS = [name for name in UseForm.base_fields]


def _require_staff(actor) -> None:
    require(actor.is_staff_member, "目的外利用・提供の画面は職員だけが利用できます。")


def _draft_units(actor):
    units = OrgUnit.objects.filter(valid_to__isnull=True).select_related("organ").order_by("organ__display_order",
                                                                                           "code")
    if actor.is_office:
        return units
    if actor.is_section_member and actor.unit_ids is not None:
        return units.filter(pk__in=actor.unit_ids)
    return units.none()


@login_required
def use_list(request):
    actor = request.actor
    _require_staff(actor)
    form = UseFilterForm(request.GET or None, actor=actor)
    queryset = form.filtered(restrict(OutOfPurposeUse.objects.select_related("organ", "unit"), actor, VIEW))
    queryset = queryset.order_by("-used_on", "-pk")
    kind = export_format(request)
    if kind:
        header = ["区分", "実施機関", "保有する課", "利用・提供日", "ファイル・事務", "利用する課・提供先", "目的", "根拠",
                  "根拠法令", "特定個人情報", "本人の数", "法70措置要求", "状態", "承認日"]
        rows = [[u.get_kind_display(), u.organ.name, u.unit.name, u.used_on, u.file_or_affair_name, u.recipient,
                 u.purpose, u.get_basis_display(), u.law_name, "○" if u.specific_personal_info else "",
                 u.persons_count, "○" if u.law70_requested else "", u.get_status_display(), u.approved_on]
                for u in queryset]
        return table_download(kind, stem="purpose-uses", title="目的外利用・提供", header=header, rows=rows)
    page = paginate(request, queryset)
    return render(request, "purpose_uses/list.html", {
        "form": form, "page": page, "exports": export_links(request),
        "can_draft": _draft_units(actor).exists(), "show_stats": actor.oversees})


def _posted(request):
    return request.POST if request.method == "POST" else None


def _fields(data: dict) -> dict:
    fields = {name: data[name] for name in FIELDS}
    fields["organ"] = data["unit"].organ
    for name in ("items", "law_name", "basis_reason", "harm_note", "law70_content"):
        fields[name] = fields[name] or ""
    return fields


@login_required
def use_create(request):
    actor = request.actor
    _require_staff(actor)
    units = _draft_units(actor)
    if not units.exists():
        raise PermissionDenied("起案できるのは課の保護責任者・職員と事務局です。")
    form = UseForm(_posted(request), units=units, files=registers.file_choices(actor),
                   initial={"used_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            use = services.use_save(actor=request.user, **_fields(form.cleaned_data))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "起案しました。内容を確認して「合議に回す」を押してください。")
            return redirect("purpose_uses:detail", pk=use.pk)
    return render(request, "purpose_uses/form.html", {"form": form, "title": "目的外利用・提供の起案"})


@login_required
def use_edit(request, pk: int):
    actor = request.actor
    _require_staff(actor)
    use = get_for_actor(OutOfPurposeUse.objects.all(), actor, action=CHANGE, pk=pk)
    units = _draft_units(actor)
    initial = {name: getattr(use, name) for name in FIELDS if name not in ("unit", "personal_info_file")}
    initial["unit"] = use.unit_id
    initial["personal_info_file"] = use.personal_info_file_id
    form = UseForm(_posted(request), units=units, files=registers.file_choices(actor, use.personal_info_file_id),
                   initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.use_save(actor=request.user, use=use, **_fields(form.cleaned_data))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "修正しました。")
            return redirect("purpose_uses:detail", pk=use.pk)
    return render(request, "purpose_uses/form.html", {"form": form, "title": "目的外利用・提供の修正", "use": use})


@login_required
def use_detail(request, pk: int, review_form=None):
    actor = request.actor
    _require_staff(actor)
    use = get_for_actor(OutOfPurposeUse.objects.select_related("organ", "unit", "approved_by", "personal_info_file"),
                        actor, pk=pk)
    file_visible = bool(use.personal_info_file_id) and registers.files_for(actor, include_retired=True).filter(
        pk=use.personal_info_file_id).exists()
    context = {"use": use, "can_change": can(actor, use, CHANGE), "can_approve": may_approve(actor),
               "file_visible": file_visible,
               "review_form": review_form or ReviewForm(), "history": history_of(use)}
    context.update(attachments_context(use, actor))
    return render(request, "purpose_uses/detail.html", context)


@login_required
@require_POST
def use_step(request, pk: int, step: str):
    actor = request.actor
    _require_staff(actor)
    use = get_for_actor(OutOfPurposeUse.objects.all(), actor, pk=pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    try:
        if step == "submit":
            if not can(actor, use, CHANGE):
                raise PermissionDenied("合議に回せるのは起案した課と事務局です。")
            services.use_submit(actor=request.user, use=use)
            done = "事務局に合議しました。"
        elif step in ("approve", "return"):
            if not may_approve(actor):
                raise PermissionDenied("承認・差戻しは事務局だけが行えます。")
            if step == "approve":
                if page := confirm_first(request, title="承認", button="承認する",
                                         message=f"「{use.file_or_affair_name}」の{use.get_kind_display()}を承認します。"
                                                 "承認後は取り消せません。",
                                         back_url=reverse("purpose_uses:detail", args=[use.pk])):
                    return page
                services.use_approve(actor=request.user, use=use, comment=comment)
                done = "承認しました。"
            else:
                services.use_return(actor=request.user, use=use, comment=comment)
                done = "差し戻しました。"
        elif step == "withdraw":
            if not (can(actor, use, CHANGE) or may_approve(actor)):
                raise PermissionDenied("取りやめは起案した課と事務局が行えます。")
            services.use_withdraw(actor=request.user, use=use)
            done = "取りやめました。"
        else:
            raise Http404
    except ValidationError as exc:
        add_service_errors(form, exc, plain_field=None)
        for message in exc.messages:
            messages.error(request, message)
        use.refresh_from_db()
        return use_detail(request, pk, review_form=form)
    messages.success(request, done)
    return redirect("purpose_uses:detail", pk=use.pk)


@login_required
def stats(request):
    require(request.actor.oversees, "統計は事務局・監査担当・システム管理者が閲覧できます。")
    year = fiscal_year_param(request)
    tables = statistics.tables_for(year)
    exported = tables_export(request, tables, stem=f"purpose-uses-{year}", titled=True)
    if exported is not None:
        return exported
    return render(request, "purpose_uses/stats.html", {"exports": tables_links(request, tables), "year": year,
                                                       "years": fiscal_year_choices()})
