"""委託 pages: the scoped contract list with filters and downloads, the record page with its state, the
create/edit form, and the companies (受託事業者). Inspections: views_inspections.py; tables: views_tables.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hogokan.core.exports import export_format, export_links, table_download
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import paginate
from hogokan.core.permissions import CHANGE, VIEW, can, get_for_actor, require, restrict
from hogokan.core.views import attachments_context
from hogokan.outsourcing import services
from hogokan.outsourcing.forms import CompanyFilterForm, CompanyForm, ContractFilterForm, ContractForm
from hogokan.outsourcing.models import Company, Contract
from hogokan.outsourcing.scoping import may_register

YES = "○"


def _contracts():
    return Contract.objects.select_related("unit", "company")


def _mark(value: bool) -> str:
    return YES if value else ""


@login_required
def contract_list(request):
    actor = request.actor
    form = ContractFilterForm(request.GET or None, actor=actor)
    contracts = form.filtered(restrict(_contracts(), actor, VIEW)).order_by("-period_start", "title")
    kind = export_format(request)
    if kind:
        header = ["案件名", "所管課", "受託者", "法人番号", "委託の区分", "状態", "契約期間（開始）", "契約期間（終了）",
                  "個人情報", "本人の数", "特定個人情報", "再委託", "特記仕様書", "継続元"]
        rows = ([c.title, c.unit.name, c.company.name, c.company.corporate_number, c.get_kind_display(),
                 c.get_status_display(), c.period_start, c.period_end, _mark(c.handles_personal_information),
                 c.persons_handled, _mark(c.handles_my_number), _mark(c.subcontracting),
                 _mark(c.special_spec_attached), c.renewal_of.title if c.renewal_of_id else ""]
                for c in contracts.select_related("renewal_of").iterator(chunk_size=2000))
        return table_download(kind, stem="contracts", title="委託", header=header, rows=rows)
    page = paginate(request, contracts)
    return render(request, "outsourcing/contract_list.html", {
        "page": page, "form": form, "exports": export_links(request), "can_create": may_register(actor),
    })


@login_required
def contract_detail(request, pk: int):
    actor = request.actor
    contract = get_for_actor(_contracts().select_related("renewal_of", "precheck_sheet"), actor, action=VIEW, pk=pk)
    may_change = can(actor, contract, CHANGE)
    moves = [(to, Contract.Status(to).label, services.blockers(contract, to))
             for to in services.next_states(contract)] if may_change else []
    return render(request, "outsourcing/contract_detail.html", {
        "contract": contract, "people": contract.contractor_people.order_by("name"),
        "files": contract.files.order_by("name"), "affairs": contract.affairs.order_by("name"),
        "renewals": contract.renewals.order_by("period_start"), "moves": moves,
        "can_change": may_change, "history": history_of(contract),
        **_extra_sections(request, contract),
        **attachments_context(contract, actor),
    })


# Other parts of the module add their sections to the contract page (the checklist, the inspections, the
# filings): functions (request, contract) → (template name, context) or None, shown in this order.
DETAIL_SECTIONS: list = []


def _extra_sections(request, contract) -> dict:
    context: dict = {"contract_sections": []}
    for section in DETAIL_SECTIONS:
        part = section(request, contract)
        if part is not None:
            template, values = part
            context["contract_sections"].append(template)
            context.update(values)
    return context


@login_required
@require_POST
def contract_move(request, pk: int):
    contract = get_for_actor(_contracts(), request.actor, action=CHANGE, pk=pk)
    to = request.POST.get("to", "")
    try:
        services.contract_move(actor=request.user, contract=contract, to=to, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"委託「{contract.title}」を『{contract.get_status_display()}』にしました。")
    return redirect("outsourcing:contract_detail", pk=contract.pk)


def _form_page(request, form, contract=None):
    return render(request, "outsourcing/contract_form.html", {"form": form, "contract": contract})


def _save(request, form, contract=None):
    data = dict(form.cleaned_data)
    links = {name: data.pop(name) for name in ("contractor_people", "files", "affairs")}
    try:
        saved = services.contract_save(actor=request.user, contract=contract, **links, **data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _form_page(request, form, contract)
    messages.success(request, f"委託「{saved.title}」を保存しました。")
    return redirect("outsourcing:contract_detail", pk=saved.pk)


@login_required
def contract_create(request):
    require(may_register(request.actor), "委託の登録は保護責任者又は事務局が行います。")
    initial = {}
    renewal = request.GET.get("renewal_of", "")
    if renewal.isdigit():
        previous = restrict(_contracts(), request.actor, VIEW).filter(pk=int(renewal)).first()
        if previous is not None:
            initial = {name: getattr(previous, name) for name in ("title", "unit", "company", "kind",
                                                                   "handles_personal_information", "persons_handled",
                                                                   "handles_my_number", "subcontracting")}
            initial["renewal_of"] = previous
    form = ContractForm(request.POST or None, actor=request.actor, initial=initial)
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


# ---- companies ---------------------------------------------------------------------------------------

@login_required
def company_list(request):
    actor = request.actor
    form = CompanyFilterForm(request.GET or None, actor=actor)
    companies = form.filtered(restrict(Company.objects.all(), actor, VIEW)).annotate(
        contract_count=Count("contracts")).order_by("name")
    kind = export_format(request)
    if kind:
        rows = ([c.name, c.corporate_number, c.address, c.contact, c.email, c.contract_count]
                for c in companies.iterator())
        return table_download(kind, stem="companies", title="受託事業者",
                              header=["法人名", "法人番号", "所在地", "連絡先", "メールアドレス", "委託の件数"], rows=rows)
    return render(request, "outsourcing/company_list.html", {
        "page": paginate(request, companies), "form": form, "exports": export_links(request),
        "can_create": may_register(actor),
    })


@login_required
def company_detail(request, pk: int):
    actor = request.actor
    company = get_for_actor(Company.objects.all(), actor, action=VIEW, pk=pk)
    contracts = restrict(_contracts(), actor, VIEW).filter(company=company).order_by("-period_start")
    return render(request, "outsourcing/company_detail.html", {
        "company": company, "contracts": contracts, "people": company.people.order_by("name"),
        "can_change": can(actor, company, CHANGE) and may_register(actor), "history": history_of(company),
    })


def _company_page(request, form, company=None):
    return render(request, "outsourcing/company_form.html", {"form": form, "company": company})


def _company_save(request, form, company=None):
    data = dict(form.cleaned_data)
    people = data.pop("people")
    try:
        saved = services.company_save(actor=request.user, company=company, people=people, **data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _company_page(request, form, company)
    messages.success(request, f"受託事業者「{saved.name}」を保存しました。")
    return redirect("outsourcing:company_detail", pk=saved.pk)


@login_required
def company_create(request):
    require(may_register(request.actor), "受託事業者の登録は保護責任者又は事務局が行います。")
    form = CompanyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _company_save(request, form)
    return _company_page(request, form)


@login_required
def company_edit(request, pk: int):
    company = get_for_actor(Company.objects.all(), request.actor, action=CHANGE, pk=pk)
    require(may_register(request.actor), "受託事業者の変更は保護責任者又は事務局が行います。")
    form = CompanyForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        return _company_save(request, form, Company.objects.get(pk=company.pk))
    return _company_page(request, form, company)
