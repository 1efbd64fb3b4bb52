"""特定個人情報の取扱状況記録簿: the list per file, unit and month (with its downloads), a new line, a line's
page and its correction (a new line: the book is append-only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from hogokan.core.exports import export_format, export_links, table_download
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import filter_data, paginate
from hogokan.core.permissions import CHANGE, VIEW, get_for_actor, require, restrict
from hogokan.mynumber import services
from hogokan.mynumber.forms import LedgerEntryForm, LedgerFilterForm
from hogokan.mynumber.models import LedgerEntry
from hogokan.mynumber.scoping import may_keep_ledger

HEADER = ["日付", "所属", "特定個人情報ファイル", "区分", "件数", "提供目的", "提供先", "取扱者", "確認者", "備考",
          "訂正する記録", "訂正の理由"]
FIELDS = ("handled_on", "kind", "count", "purpose", "recipient", "handler", "checker", "note")


def _staff(actor) -> None:
    require(actor.is_staff_member, "番号法の事務のページは職員が利用できます。")


def _row(entry: LedgerEntry) -> list:
    return [entry.handled_on, entry.unit.name, entry.file.name, entry.get_kind_display(), entry.count, entry.purpose,
            entry.recipient, entry.handler.name, entry.checker.name if entry.checker else "", entry.note,
            f"No.{entry.corrects_id}" if entry.corrects_id else "", entry.correction_reason]


@login_required
def ledger_list(request):
    actor = request.actor
    _staff(actor)
    form = LedgerFilterForm(filter_data(request, LedgerFilterForm), actor=actor)
    entries = form.filtered(restrict(LedgerEntry.objects.select_related("file", "unit", "handler", "checker"),
                                     actor, VIEW)).order_by("-handled_on", "-pk")
    kind = export_format(request)
    if kind:
        return table_download(kind, stem="mynumber-ledger", title="特定個人情報の取扱状況記録簿", header=HEADER,
                              rows=[_row(entry) for entry in entries.order_by("handled_on", "pk")])
    corrected = set(LedgerEntry.objects.filter(corrects__isnull=False).values_list("corrects_id", flat=True))
    return render(request, "mynumber/ledger_list.html", {
        "form": form, "page": paginate(request, entries), "exports": export_links(request), "corrected": corrected,
        "can_record": may_keep_ledger(actor)})


def _save(request, form, *, file, original=None):
    data = {name: form.cleaned_data[name] for name in FIELDS}
    try:
        if original is None:
            return services.ledger_record(actor=request.user, file=file, **data)
        return services.ledger_correct(actor=request.user, entry=original,
                                       reason=form.cleaned_data["correction_reason"], **data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


@login_required
def ledger_create(request):
    actor = request.actor
    require(may_keep_ledger(actor), "記録簿への記録は所属の職員又は事務局が行います。")
    initial = {"handled_on": timezone.localdate(), "handler": actor.person.pk}
    form = LedgerEntryForm(request.POST or None, actor=actor, initial=initial)
    if request.method == "POST" and form.is_valid() and (entry := _save(request, form, file=form.cleaned_data["file"])):
        messages.success(request, f"取扱状況記録簿に記録しました（{entry.get_kind_display()} {entry.count}件）。")
        return redirect("mynumber:ledger_detail", entry.pk)
    return render(request, "mynumber/form.html", {
        "form": form, "title": "取扱状況記録簿への記録", "submit": "記録する", "back": "mynumber:ledger_list",
        "intro": "記録は後から変更・削除できません。誤りは訂正の記録を追加して正します。提供のときは提供目的と提供先を必ず記入します。"})


@login_required
def ledger_detail(request, pk: int):
    actor = request.actor
    _staff(actor)
    entry = get_for_actor(LedgerEntry.objects.select_related("file", "unit", "handler", "checker", "corrects"),
                          actor, pk=pk)
    corrections = restrict(entry.corrections.select_related("handler"), actor, VIEW).order_by("pk")
    can_correct = restrict(LedgerEntry.objects.filter(pk=pk), actor, CHANGE).exists()
    return render(request, "mynumber/ledger_detail.html", {
        "entry": entry, "corrections": corrections, "can_correct": can_correct, "history": history_of(entry)})


@login_required
def ledger_correct(request, pk: int):
    actor = request.actor
    original = get_for_actor(LedgerEntry.objects.select_related("file", "unit"), actor, action=CHANGE, pk=pk)
    initial = {name: getattr(original, name) for name in FIELDS}
    initial["handler"], initial["checker"] = original.handler_id, original.checker_id
    form = LedgerEntryForm(request.POST or None, actor=actor, correcting=True, initial=initial)
    if request.method == "POST" and form.is_valid() and (entry := _save(request, form, file=original.file,
                                                                        original=original)):
        messages.success(request, "訂正の記録を追加しました。元の記録はそのまま残ります。")
        return redirect("mynumber:ledger_detail", entry.pk)
    return render(request, "mynumber/form.html", {
        "form": form, "title": f"記録の訂正: {original}", "submit": "訂正を記録する", "back": "mynumber:ledger_list",
        "intro": "元の記録は残り、この訂正が新しい記録として追加されます。"})
