"""人事異動 and the helpers the organisation pages share (units: views_units, people: views_people)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from hogokan.core.calendar import wareki
from hogokan.core.forms import add_service_errors
from hogokan.core.lists import paginate
from hogokan.core.permissions import require
from hogokan.org import forms, selectors, services

MAX_TRANSFER_ROWS = 100


def require_staff(actor) -> None:
    """The organisation's lists are for staff (the menu shows them to ``is_staff_member`` only)."""
    require(actor.is_staff_member, "組織・職員の一覧は職員だけが利用できます。")


def require_admin(actor) -> None:
    """Reorganisations, people and 人事異動 are written by the system administrator only (scoping.py)."""
    require(actor.is_system_admin, "組織・職員の変更はシステム管理者だけが行えます。")


def _row_count(request) -> int:
    try:
        wanted = int(request.GET.get("rows", 10))
    except ValueError:
        wanted = 10
    return max(1, min(wanted, MAX_TRANSFER_ROWS))


@login_required
def transfers(request):
    """人事異動: a 発令日 and rows of changes, applied all or nothing; below, the recorded events."""
    actor = request.actor
    require_admin(actor)
    rows = _row_count(request)
    data = request.POST if request.method == "POST" else None
    header = forms.TransferForm(data)
    formset = forms.transfer_formset(data, rows=rows)
    if request.method == "POST" and header.is_valid() and formset.is_valid():
        effective = header.cleaned_data["effective"]
        lines = formset.lines(actor, effective)
        if not formset.row_errors and not lines:
            header.add_error(None, "異動の内容を1行以上入力してください。")
        elif not formset.row_errors:
            try:
                events = services.transfers_apply(actor=request.user, effective=effective, lines=lines,
                                                  batch=f"人事異動 {effective.isoformat()}")
            except ValidationError as exc:
                add_service_errors(header, exc)
            else:
                messages.success(request, f"{wareki(effective)}付けの人事異動を{len(events)}件登録しました。")
                return redirect("org:transfers")
    row_errors = formset.row_errors if request.method == "POST" else []
    header_errors = sum(len(errors) for errors in header.errors.values()) if request.method == "POST" else 0
    return render(request, "org/transfers.html", {
        "form": header, "formset": formset, "rows": rows, "more_rows": min(rows + 10, MAX_TRANSFER_ROWS),
        "row_errors": row_errors, "error_count": header_errors + len(row_errors),
        "page": paginate(request, selectors.events_for(actor)),
    })
