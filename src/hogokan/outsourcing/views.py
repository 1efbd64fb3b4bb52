"""委託 pages: the scoped list with filters and downloads, the record page, the create/edit form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from hogokan.core.exports import export_format, export_links, table_download
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import paginate
from hogokan.core.permissions import CHANGE, VIEW, can, get_for_actor, require, restrict
from hogokan.core.views import attachments_context
from hogokan.outsourcing import services
from hogokan.outsourcing.forms import ContractFilterForm, ContractForm
from hogokan.outsourcing.models import Contract
from hogokan.outsourcing.scoping import may_register


def _contracts():
    return Contract.objects.select_related("unit")


@login_required
def contract_list(request):
    actor = request.actor
    form = ContractFilterForm(request.GET or None, actor=actor)
    contracts = form.filtered(restrict(_contracts(), actor, VIEW)).order_by("-period_start", "title")
    kind = export_format(request)
    if kind:
        header = ["案件名", "担当課", "受託者", "契約期間（開始）", "契約期間（終了）", "指定管理", "本人の数",
                  "特定個人情報", "再委託"]
        rows = ([c.title, c.unit.name, c.contractor_name, c.period_start, c.period_end,
                 "○" if c.designated_manager else "", c.persons_handled, "○" if c.handles_my_number else "",
                 "○" if c.subcontracting else ""] for c in contracts.iterator())
        return table_download(kind, stem="contracts", title="委託", header=header, rows=rows)
    page = paginate(request, contracts)
    return render(request, "outsourcing/contract_list.html", {
        "page": page, "form": form, "exports": export_links(request),
        "can_create": may_register(actor),
    })


@login_required
def contract_detail(request, pk: int):
    contract = get_for_actor(_contracts(), request.actor, action=VIEW, pk=pk)
    return render(request, "outsourcing/contract_detail.html", {
        "contract": contract, "people": contract.contractor_people.order_by("name"),
        "can_change": can(request.actor, contract, CHANGE), "history": history_of(contract),
        **attachments_context(contract, request.actor),
    })


def _form_page(request, form, contract=None):
    return render(request, "outsourcing/contract_form.html", {"form": form, "contract": contract})


def _save(request, form, contract=None):
    data = dict(form.cleaned_data)
    people = data.pop("contractor_people")
    try:
        saved = services.contract_save(actor=request.user, contract=contract, contractor_people=people, **data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _form_page(request, form, contract)
    messages.success(request, f"委託「{saved.title}」を保存しました。")
    return redirect("outsourcing:contract_detail", pk=saved.pk)


@login_required
def contract_create(request):
    require(may_register(request.actor), "委託の登録は保護責任者又は事務局が行います。")
    form = ContractForm(request.POST or None, actor=request.actor)
    if request.method == "POST" and form.is_valid():
        return _save(request, form)
    return _form_page(request, form)


@login_required
def contract_edit(request, pk: int):
    contract = get_for_actor(_contracts(), request.actor, action=CHANGE, pk=pk)
    form = ContractForm(request.POST or None, instance=contract, actor=request.actor)
    if request.method == "POST" and form.is_valid():
        return _save(request, form, Contract.objects.get(pk=contract.pk))
    return _form_page(request, form, contract)
