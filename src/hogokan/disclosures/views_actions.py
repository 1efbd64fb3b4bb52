"""The steps of a request, one small form each: 補正, extension, 特例, hearing, decision, disclosure,
withdrawal and 審査請求. The office does every step; a handling unit records its own decisions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from hogokan.core.forms import add_service_errors
from hogokan.core.permissions import CHANGE, VIEW, get_for_actor, restrict
from hogokan.disclosures import forms, services
from hogokan.disclosures.models import Appeal, Correction, DataSubjectRequest, Decision, Hearing
from hogokan.disclosures.views_requests import require_office, require_staff
from hogokan.org.models import OrgUnit


def _request_for(request, pk: int, *, office: bool = True) -> DataSubjectRequest:
    require_staff(request.actor)
    obj = get_for_actor(DataSubjectRequest.objects.select_related("organ"), request.actor, pk=pk)
    if office:
        require_office(request.actor)
    return obj


def _step(request, obj, form, title: str, run, done: str, field_map=None):
    """GET shows the form; POST runs the service; its errors come back on the form with what was typed."""
    if request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc, field_map)
        else:
            messages.success(request, done)
            return redirect("disclosures:detail", pk=obj.pk)
    return render(request, "disclosures/step_form.html", {"form": form, "title": title, "obj": obj})


def _posted(request):
    return request.POST if request.method == "POST" else None


@login_required
def correction_add(request, pk: int):
    obj = _request_for(request, pk)
    form = forms.CorrectionForm(_posted(request))
    return _step(request, obj, form, "補正を求める", lambda data: services.correction_request(
        actor=request.user, request=obj, **data), "補正を記録し、決定期限を再計算しました。")


@login_required
def correction_receive(request, pk: int, correction_pk: int):
    obj = _request_for(request, pk)
    correction = get_object_or_404(Correction, pk=correction_pk, request=obj)
    form = forms.CorrectionReceiveForm(_posted(request))
    return _step(request, obj, form, "補正を受けた日", lambda data: services.correction_receive(
        actor=request.user, correction=correction, **data), "補正の受領を記録しました。")


@login_required
def extend(request, pk: int):
    obj = _request_for(request, pk)
    form = forms.ExtendForm(_posted(request), initial={"days": 30, "reason": obj.extension_reason})
    return _step(request, obj, form, "決定期限の延長（法83②）", lambda data: services.request_extend(
        actor=request.user, request=obj, **data), "期限を延長しました。延長の通知を送ってください。")


@login_required
def special(request, pk: int):
    obj = _request_for(request, pk)
    form = forms.SpecialForm(_posted(request))
    return _step(request, obj, form, "開示決定等の期限の特例（法84）", lambda data: services.request_special(
        actor=request.user, request=obj, **data), "特例の適用を記録しました。")


@login_required
def hearing_add(request, pk: int):
    obj = _request_for(request, pk)
    form = forms.HearingForm(_posted(request))
    return _step(request, obj, form, "第三者への意見照会（法86）", lambda data: services.hearing_add(
        actor=request.user, request=obj, **data), "意見照会を記録しました。")


@login_required
def hearing_edit(request, pk: int, hearing_pk: int):
    obj = _request_for(request, pk)
    hearing = get_object_or_404(Hearing, pk=hearing_pk, request=obj)
    form = forms.HearingForm(_posted(request), initial={name: getattr(hearing, name) for name in forms.HearingForm.base_fields})
    return _step(request, obj, form, "意見照会の更新（法86）", lambda data: services.hearing_add(
        actor=request.user, request=obj, hearing=hearing, **data), "意見照会を更新しました。")


def _decidable_units(actor, obj):
    units = OrgUnit.objects.filter(pk__in=obj.units.values_list("unit_id", flat=True))
    if not actor.is_office:
        if not actor.is_section_member:
            raise PermissionDenied("決定を記録できるのは担当課の保護責任者・職員と事務局です。")
        units = units.filter(pk__in=actor.unit_ids or [])
    return units.exclude(pk__in=obj.decisions.values_list("unit_id", flat=True))


@login_required
def decision_add(request, pk: int):
    obj = _request_for(request, pk, office=False)
    units = _decidable_units(request.actor, obj)
    if not units.exists():
        raise PermissionDenied("決定を記録できる担当課がありません（記録済みか担当外です）。")
    form = forms.DecisionForm(_posted(request), units=units)
    return _step(request, obj, form, "決定の記録", lambda data: services.decision_record(
        actor=request.user, request=obj, **data), "決定を記録しました。")


def _decision_for(request, pk: int, decision_pk: int) -> tuple[DataSubjectRequest, Decision]:
    obj = _request_for(request, pk, office=False)
    decision = get_for_actor(Decision.objects.filter(request=obj).select_related("unit"), request.actor,
                             action=CHANGE, pk=decision_pk)
    return obj, decision


@login_required
def decision_edit(request, pk: int, decision_pk: int):
    obj, decision = _decision_for(request, pk, decision_pk)
    form = forms.DecisionForm(_posted(request), units=OrgUnit.objects.filter(pk=decision.unit_id), initial={
        "unit": decision.unit_id, "type": decision.type, "grounds": decision.grounds,
        "decided_on": decision.decided_on, "notified_on": decision.notified_on, "reason": decision.reason})
    return _step(request, obj, form, f"決定の修正（{decision.unit.name}）", lambda data: services.decision_record(
        actor=request.user, request=obj, decision=decision, **data), "決定を修正しました。")


@login_required
def execution(request, pk: int, decision_pk: int):
    obj, decision = _decision_for(request, pk, decision_pk)
    form = forms.ExecutionForm(_posted(request), initial={
        "method": decision.method, "exercise_requested_on": decision.exercise_requested_on,
        "disclosed_on": decision.disclosed_on, "pages": decision.pages, "fee": decision.fee})
    return _step(request, obj, form, f"開示の実施（{decision.unit.name}）", lambda data: services.disclosure_execute(
        actor=request.user, decision=decision, **data), "開示の実施を記録しました。")


@login_required
def withdraw(request, pk: int):
    obj = _request_for(request, pk)
    form = forms.WithdrawForm(_posted(request))
    return _step(request, obj, form, "請求の取下げ", lambda data: services.request_withdraw(
        actor=request.user, request=obj, **data), "取下げを記録しました。")


def _appeal_form(request, obj, appeal=None):
    decisions = restrict(Decision.objects.filter(request=obj), request.actor, VIEW).select_related("unit")
    initial = {}
    if appeal is not None:
        initial = {name: getattr(appeal, name) for name in forms.AppealForm.base_fields}
        initial["decision"] = appeal.decision_id
    return forms.AppealForm(_posted(request), decisions=decisions, initial=initial)


def _appeal_fields(data: dict) -> dict:
    data = dict(data)
    data["exception_105"] = data.get("exception_105") or ""
    data["result"] = data.get("result") or ""
    return data


@login_required
def appeal_add(request, pk: int):
    obj = _request_for(request, pk)
    form = _appeal_form(request, obj)
    return _step(request, obj, form, "審査請求の記録", lambda data: services.appeal_save(
        actor=request.user, request=obj, **_appeal_fields(data)), "審査請求を記録しました。")


@login_required
def appeal_edit(request, pk: int, appeal_pk: int):
    obj = _request_for(request, pk)
    appeal = get_object_or_404(Appeal, pk=appeal_pk, request=obj)
    form = _appeal_form(request, obj, appeal)
    return _step(request, obj, form, "審査請求の更新", lambda data: services.appeal_save(
        actor=request.user, request=obj, appeal=appeal, **_appeal_fields(data)), "審査請求を更新しました。")
