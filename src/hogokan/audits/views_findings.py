"""Findings (指摘事項) and their follow-up: list, record page, progress, 完了報告, 済み, 差戻し, overview.

Fetch-and-authorize first (404 outside the scope, 403 for those who may only read), then a service.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hogokan.audits import services
from hogokan.audits.forms import FindingFilterForm, FindingForm, ProgressForm, ReturnForm
from hogokan.audits.models import Finding, FindingSource
from hogokan.audits.scoping import AUDIT, CONFIRM, may_audit
from hogokan.core.confirm import confirm_first
from hogokan.core.exports import Table, export_format, export_links, table_download, tables_export
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import paginate
from hogokan.core.permissions import CHANGE, VIEW, can, get_for_actor, require, restrict
from hogokan.core.views import attachments_context

STAFF_ONLY = "指摘事項は職員が扱う記録です。"


def visible_findings(actor):
    return restrict(Finding.objects.select_related("source").prefetch_related("units"), actor, VIEW)


def _finding(request, pk: int, action: str = VIEW) -> Finding:
    return get_for_actor(Finding.objects.select_related("source", "confirmed_by"), request.actor, action=action,
                         pk=pk)


def unit_names(finding: Finding) -> str:
    return "、".join(unit.name for unit in finding.units.all())


def age_days(finding: Finding, today: date) -> int:
    return (today - timezone.localtime(finding.created_at).date()).days


@login_required
def finding_list(request):
    actor = request.actor
    require(actor.is_staff_member, STAFF_ONLY)
    form = FindingFilterForm(request.GET or None, actor=actor)
    findings = form.filtered(visible_findings(actor)).order_by("source__fiscal_year", "source_id", "number")
    kind = export_format(request)
    if kind:
        header = ["出典", "年度", "項番", "分類", "指摘事項", "担当課", "対応内容", "対応期限", "区分", "確認日"]
        rows = ([f.source.title, f.source.fiscal_year, f.number, f.category, f.text, unit_names(f), f.response,
                 f.due_date, f.get_status_display(), f.confirmed_on] for f in findings)
        return table_download(kind, stem="findings", title="指摘事項", header=header, rows=rows)
    return render(request, "audits/finding_list.html", {
        "form": form, "page": paginate(request, findings), "exports": export_links(request),
        "today": timezone.localdate(), "may_audit": may_audit(actor)})


@login_required
def finding_create(request):
    actor = request.actor
    require(may_audit(actor), "指摘事項の登録は事務局または監査担当が行います。")
    sources = restrict(FindingSource.objects.all(), actor, AUDIT)
    source = None
    if request.GET.get("source", "").isdigit():
        source = sources.filter(pk=int(request.GET["source"])).first()
    form = FindingForm(request.POST or None, sources=sources, initial={"source": source})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        units, chosen = data.pop("units"), data.pop("source")
        try:
            finding = services.finding_save(actor=request.user, source=chosen, units=units, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"指摘事項（{finding.source.title} 項番{finding.number}）を登録しました。")
            return redirect("audits:finding_detail", pk=finding.pk)
    return render(request, "audits/finding_form.html", {"form": form, "finding": None})


@login_required
def finding_edit(request, pk: int):
    finding = _finding(request, pk, AUDIT)
    form = FindingForm(request.POST or None, instance=finding, initial={"units": list(finding.units.all())})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        units = data.pop("units")
        if data.get("number") is None:
            data["number"] = finding.number
        try:
            services.finding_save(actor=request.user, finding=finding, units=units, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "指摘事項を保存しました。")
            return redirect("audits:finding_detail", pk=finding.pk)
    return render(request, "audits/finding_form.html", {"form": form, "finding": finding})


def _detail(request, finding: Finding, **forms):
    actor = request.actor
    can_follow_up = can(actor, finding, CHANGE)
    context = {
        "finding": finding, "units": finding.units.all(), "today": timezone.localdate(),
        "progress": finding.progress.select_related("recorded_by"), "history": history_of(finding),
        "can_follow_up": can_follow_up and finding.status == Finding.Status.OPEN,
        "can_edit": can(actor, finding, AUDIT), "can_confirm": can(actor, finding, CONFIRM),
        **attachments_context(finding, actor),
    }
    if context["can_follow_up"]:
        context["progress_form"] = forms.get("progress_form") or ProgressForm(finding=finding)
    if context["can_confirm"]:
        context["return_form"] = forms.get("return_form") or ReturnForm()
    return render(request, "audits/finding_detail.html", context)


@login_required
def finding_detail(request, pk: int):
    return _detail(request, _finding(request, pk))


@login_required
@require_POST
def progress_add(request, pk: int):
    finding = _finding(request, pk, CHANGE)
    form = ProgressForm(request.POST, finding=finding)
    if form.is_valid():
        try:
            services.progress_add(actor=request.user, finding=finding, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "対応の経過を記録しました。")
            return redirect("audits:finding_detail", pk=finding.pk)
    return _detail(request, finding, progress_form=form)


@login_required
@require_POST
def finding_report(request, pk: int):
    finding = _finding(request, pk, CHANGE)
    back = reverse("audits:finding_detail", args=[finding.pk])
    page = confirm_first(request, title="完了を報告します", button="完了を報告する", back_url=back,
                         message="対応が終わったことを事務局に報告します。事務局が確認すると「済み」になります。")
    if page:
        return page
    try:
        services.finding_report_done(actor=request.user, finding=finding, response=request.POST.get("response", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, "完了を報告しました。事務局の確認を待っています。")
    return redirect(back)


@login_required
@require_POST
def finding_confirm(request, pk: int):
    finding = _finding(request, pk, CONFIRM)
    back = reverse("audits:finding_detail", args=[finding.pk])
    page = confirm_first(request, title="済みにします", button="済みにする", back_url=back,
                         message="対応内容と証拠を確認し、この指摘事項を「済み」にします。")
    if page:
        return page
    try:
        services.finding_confirm(actor=request.user, finding=finding, note=request.POST.get("note", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, "指摘事項を「済み」にしました。")
    return redirect(back)


@login_required
@require_POST
def finding_return(request, pk: int):
    finding = _finding(request, pk, CONFIRM)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.finding_return(actor=request.user, finding=finding, comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "指摘事項を差し戻しました（対応中）。")
            return redirect("audits:finding_detail", pk=finding.pk)
    return _detail(request, finding, return_form=form)


AGE_BANDS = [(90, "90日未満"), (180, "90〜179日"), (365, "180〜364日"), (None, "1年以上")]


def open_overview(actor, today: date) -> Table:
    """Open findings (対応中・確認待ち) by unit and age since registration, with the overdue count: one GROUP BY
    over the finding–unit links (``naive_open_overview`` is the loop it replaces, kept for bench/audits.py)."""
    from datetime import datetime, time, timedelta

    from django.db.models import Count, Q

    links = Finding.units.through.objects.filter(
        finding__in=visible_findings(actor).filter(status__in=[Finding.Status.OPEN, Finding.Status.REPORTED])
        .values("pk"))
    counts, lower = {}, None
    start_of_today = timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))
    for index, (limit, _label) in enumerate(AGE_BANDS):
        # registered at most ``limit`` days ago: created after the start of (today - limit + 1)
        since = start_of_today - timedelta(days=limit) if limit else None
        condition = Q()
        if since is not None:
            condition &= Q(finding__created_at__gte=since)
        if lower is not None:
            condition &= Q(finding__created_at__lt=lower)
        counts[f"band{index}"] = Count("pk", filter=condition)
        lower = since
    rows = (links.values("orgunit__name").order_by("orgunit__name")
            .annotate(**counts, total=Count("pk"), late=Count("pk", filter=Q(finding__due_date__lt=today))))
    table_rows = [[row["orgunit__name"], *[row[f"band{i}"] for i in range(len(AGE_BANDS))], row["total"], row["late"]]
                  for row in rows]
    return _overview_table(sorted(table_rows))  # by name in Python: the same order on every database


def _overview_table(rows) -> Table:
    return Table(key="open-by-unit", title="未完了の指摘事項（担当課・経過日数別）",
                 header=["担当課", *[label for _limit, label in AGE_BANDS], "計", "うち期限超過"], rows=rows,
                 note="単位: 件。経過日数は指摘事項の登録からの日数。複数の課が担当する指摘事項は各課に数えます。")


def naive_open_overview(actor, today: date) -> Table:
    """The same table by a loop over the ORM (every finding, its units, one by one)."""
    counts: dict[str, list[int]] = {}
    findings = restrict(Finding.objects.all(), actor, VIEW).filter(
        status__in=[Finding.Status.OPEN, Finding.Status.REPORTED])
    for finding in findings:
        age = age_days(finding, today)
        band = next(index for index, (limit, _label) in enumerate(AGE_BANDS) if limit is None or age < limit)
        for unit in finding.units.all():
            row = counts.setdefault(unit.name, [0] * (len(AGE_BANDS) + 2))
            row[band] += 1
            row[-2] += 1
            if finding.due_date and finding.due_date < today:
                row[-1] += 1
    return _overview_table([[name, *values] for name, values in sorted(counts.items())])


@login_required
def overview(request):
    actor = request.actor
    require(actor.is_staff_member, STAFF_ONLY)
    table = open_overview(actor, timezone.localdate())
    download = tables_export(request, [table], stem="open-findings")
    if download:
        return download
    return render(request, "audits/overview.html", {"table": table})


@login_required
def status(request):
    """監査の状況: the year's coverage and the open findings by unit and age, each linking to its list."""
    from hogokan.audits.api import coverage
    from hogokan.core.lists import fiscal_year_choices, fiscal_year_param

    actor = request.actor
    require(actor.is_staff_member, STAFF_ONLY)
    today = timezone.localdate()
    year = fiscal_year_param(request)
    tables = [coverage(actor, year, today), open_overview(actor, today)]
    download = tables_export(request, tables, stem=f"audit-status-{year}")
    if download:
        return download
    from hogokan.core.exports import tables_links

    return render(request, "audits/status.html", {"year": year, "years": fiscal_year_choices(),
                                                  "exports": tables_links(request, tables)})
