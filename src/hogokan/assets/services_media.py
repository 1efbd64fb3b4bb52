"""Every write of removable media and take-outs (validated, history naming the actor and a reason),
their reminders, and the 京都市 take-out tables."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from hogokan.assets import rules_media as rules
from hogokan.assets.models_media import MediumCheck, MediumStocktake, RemovableMedium, TakeOut
from hogokan.core import numbering
from hogokan.core.calendar import body_calendar, fiscal_year, fiscal_year_range, wareki, wareki_fiscal_year
from hogokan.core.exports import Table
from hogokan.core.history import link_change, with_links
from hogokan.core.services import reminder_key, reminder_resolve, reminder_schedule, save_with_history
from hogokan.core.workflow import transition
from hogokan.org.api import managers_above, officers_of
from hogokan.org.models import OrgUnit

MEDIUM_FIELDS = ("number", "kind", "description", "encryption", "storage_place", "permitted_from", "permitted_to")
TAKEOUT_FIELDS = ("items", "personal_information", "medium_kind", "medium", "destination", "purpose",
                  "purpose_detail", "protection", "taken_out_on", "planned_return")
S = TakeOut.Status


# ---- media ----------------------------------------------------------------------------------------------

@transaction.atomic
def medium_save(*, actor, unit: OrgUnit | None = None, medium: RemovableMedium | None = None,
                permitted_users=None, reason: str = "", **fields) -> RemovableMedium:
    """Register (``medium`` None, ``unit`` given) or change a medium; ``permitted_users`` None keeps them."""
    creating = medium is None
    unknown = set(fields) - set(MEDIUM_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    medium = medium or RemovableMedium(unit=unit, registered_by=actor)
    for name, value in fields.items():
        setattr(medium, name, value.strip() if isinstance(value, str) else value)
    medium.full_clean(exclude=["permitted_users"])
    before = [] if creating else [person.name for person in medium.permitted_users.all()]
    after = before if permitted_users is None else [person.name for person in permitted_users]
    default = "外部記録媒体の登録" if creating else "外部記録媒体の変更"
    save_with_history(medium, actor, with_links(reason or default, link_change("使用を許可された職員", before, after)),
                      validate=False)
    if permitted_users is not None:
        medium.permitted_users.set(permitted_users)
    return medium


@transaction.atomic
def medium_dispose(*, actor, medium: RemovableMedium, disposal: str, disposed_on: date, erasure_method: str,
                   erased_by: str, certificate: str = "", note: str = "") -> RemovableMedium:
    """廃棄・返却 (点検表 14): the erasure method and, when a contractor erased it, its certificate."""
    to = RemovableMedium.Status.RETURNED if disposal == RemovableMedium.Disposal.RETURN else RemovableMedium.Status.DISPOSED
    label = dict(RemovableMedium.Disposal.choices).get(disposal, disposal)
    return transition(medium, actor=actor, to=to, allowed=[RemovableMedium.Status.IN_USE, RemovableMedium.Status.MISSING],
                      action=f"外部記録媒体の{label}", validate=True,
                      changes={"disposal": disposal, "disposed_on": disposed_on, "erasure_method": erasure_method,
                               "erased_by": erased_by, "certificate": certificate.strip(), "disposal_note": note})


# ---- the monthly 現物確認 ----------------------------------------------------------------------------------

def media_to_check(unit: OrgUnit):
    """The media a stocktake lists: those in use and those still missing from an earlier one."""
    return (RemovableMedium.objects.filter(unit=unit, status__in=[RemovableMedium.Status.IN_USE,
                                                                  RemovableMedium.Status.MISSING])
            .order_by("number"))


def _stocktake_remind(stocktake: MediumStocktake, today: date) -> None:
    heads = officers_of(stocktake.unit, today)
    if not heads:
        return
    reminder_schedule(key=reminder_key(stocktake, "check"), subject=f"外部記録媒体の現物確認（{stocktake.label}）",
                      due_date=stocktake.due, recipients=heads, escalate_to=managers_above(stocktake.unit, today),
                      url=reverse("assets:media_stocktake_detail", args=[stocktake.pk]), related=stocktake,
                      body=f"{stocktake.unit.name}の外部記録媒体の所在を確認して記録してください（点検表⑦）。")


@transaction.atomic
def stocktake_open(*, actor, unit: OrgUnit, year: int, month: int, today: date | None = None) -> MediumStocktake:
    """The unit's stocktake of that month (created once, with its reminder to the section head)."""
    today = today or timezone.localdate()
    existing = MediumStocktake.objects.filter(unit=unit, year=year, month=month).first()
    if existing is not None:
        return existing
    stocktake = MediumStocktake(unit=unit, year=year, month=month,
                                due=rules.stocktake_due(year, month, body_calendar()))
    try:
        with transaction.atomic():
            save_with_history(stocktake, actor, "現物確認の開始")
    except IntegrityError:  # opened by someone else a moment ago
        return MediumStocktake.objects.get(unit=unit, year=year, month=month)
    _stocktake_remind(stocktake, today)
    return stocktake


def stocktakes_open_month(*, actor, year: int, month: int) -> list[MediumStocktake]:
    """Every unit holding a medium in use gets its stocktake of the month (the office, or the worker)."""
    unit_ids = (RemovableMedium.objects.filter(status__in=[RemovableMedium.Status.IN_USE,
                                                           RemovableMedium.Status.MISSING])
                .values_list("unit_id", flat=True).distinct())
    return [stocktake_open(actor=actor, unit=unit, year=year, month=month)
            for unit in OrgUnit.objects.filter(pk__in=list(unit_ids)).order_by("code")]


@dataclass
class CheckInput:
    result: str
    note: str = ""


@transaction.atomic
def stocktake_record(*, actor, stocktake: MediumStocktake, results: dict[int, CheckInput], checked_on: date,
                     note: str = "") -> list[RemovableMedium]:
    """Record every listed medium as present or missing; returns the missing ones (an incident draft is
    offered for them). A medium without an answer refuses the whole record: nothing is written."""
    media = list(media_to_check(stocktake.unit))
    errors = {}
    for medium in media:
        answer = results.get(medium.pk)
        if answer is None or answer.result not in MediumCheck.Result.values:
            errors[f"medium_{medium.pk}"] = f"{medium.number}の結果（所在を確認・所在不明）を選んでください。"
        elif answer.result == MediumCheck.Result.MISSING and not answer.note.strip():
            errors[f"medium_{medium.pk}"] = f"{medium.number}が所在不明のときは、最後に確認した日や状況を備考に入力してください。"
    if not media:
        errors["__all__"] = "確認する外部記録媒体がありません。"
    if errors:
        raise ValidationError(errors)
    transition(stocktake, actor=actor, to=MediumStocktake.Status.DONE, allowed=[MediumStocktake.Status.OPEN],
               action="現物確認の記録", validate=True,
               changes={"checked_on": checked_on, "checked_by": actor, "note": note},
               refused="この月の現物確認は既に記録されています（{state}）。")
    checks = [MediumCheck(stocktake=stocktake, medium=medium, result=results[medium.pk].result,
                          note=results[medium.pk].note.strip()[:500]) for medium in media]
    bulk_create_with_history(checks, MediumCheck, default_user=actor,
                             default_change_reason=f"現物確認（{stocktake.label}）")
    missing = []
    for medium in media:
        result = results[medium.pk].result
        if result == MediumCheck.Result.MISSING and medium.status != RemovableMedium.Status.MISSING:
            transition(medium, actor=actor, to=RemovableMedium.Status.MISSING, allowed=[RemovableMedium.Status.IN_USE],
                       action="現物確認で所在不明", reason=results[medium.pk].note)
        elif result == MediumCheck.Result.PRESENT and medium.status == RemovableMedium.Status.MISSING:
            transition(medium, actor=actor, to=RemovableMedium.Status.IN_USE, allowed=[RemovableMedium.Status.MISSING],
                       action="現物確認で所在を確認", reason=results[medium.pk].note)
        if result == MediumCheck.Result.MISSING:
            missing.append(medium)
    reminder_resolve(key=reminder_key(stocktake, "check"))
    return missing


def overdue_stocktakes(queryset, today: date):
    return queryset.filter(status=MediumStocktake.Status.OPEN, due__lt=today)


# ---- take-outs ---------------------------------------------------------------------------------------------

def _next_number(taken_out_on: date) -> str:
    year = fiscal_year(taken_out_on)
    sequence = numbering.next_number("assets.takeout", year, initial=lambda: numbering.highest_sequence(
        TakeOut.objects.filter(number__startswith=f"{year}-").values_list("number", flat=True)))
    return numbering.format_number(year, sequence, width=3)


def _deciders(takeout: TakeOut, today: date) -> list:
    return officers_of(takeout.unit, today) or managers_above(takeout.unit, today)


@transaction.atomic
def takeout_request(*, actor, unit: OrgUnit, carrier, contract=None, reason: str = "", today: date | None = None,
                    **fields) -> TakeOut:
    """A request to take personal information out; the section head is asked to approve it before the day."""
    today = today or timezone.localdate()
    unknown = set(fields) - set(TAKEOUT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if contract is not None:
        unit = contract.unit
    takeout = TakeOut(unit=unit, carrier=carrier, contract=contract, requested_by=actor, number="-")
    for name, value in fields.items():
        setattr(takeout, name, value.strip() if isinstance(value, str) else value)
    takeout.full_clean(exclude=["number"])
    takeout.number = _next_number(takeout.taken_out_on)
    save_with_history(takeout, actor, reason or "持出しの申請", validate=False)
    deciders = _deciders(takeout, today)
    if deciders:
        reminder_schedule(key=reminder_key(takeout, "approve"), subject=f"持出しの承認: {takeout.number}",
                          due_date=max(takeout.taken_out_on, today), recipients=deciders,
                          url=reverse("assets:takeout_detail", args=[takeout.pk]), related=takeout,
                          body=f"{carrier.name}さんの持出し（{takeout.destination}）の承認をお願いします。",
                          remind_days_before=(0,))
    return takeout


def _not_requester(takeout: TakeOut, actor, what: str):
    def check(obj):
        if obj.requested_by_id is not None and obj.requested_by_id == getattr(actor, "pk", None):
            raise ValidationError(f"申請者本人は{what}できません。所属の保護責任者（課長等）又は保護管理者が行います。")
    return check


@transaction.atomic
def takeout_approve(*, actor, takeout: TakeOut, comment: str = "", today: date | None = None) -> TakeOut:
    today = today or timezone.localdate()
    transition(takeout, actor=actor, to=S.APPROVED, allowed=[S.REQUESTED], action="持出しの承認", reason=comment,
               check=_not_requester(takeout, actor, "承認"),
               changes={"decided_by": actor, "decided_on": today, "decision_comment": comment.strip()})
    reminder_resolve(key=reminder_key(takeout, "approve"))
    carrier_user = takeout.carrier.user if takeout.carrier.user_id else takeout.requested_by
    reminder_schedule(key=reminder_key(takeout, "return"), subject=f"持出しの返却: {takeout.number}",
                      due_date=takeout.planned_return, recipients=[user for user in [carrier_user] if user],
                      escalate_to=_deciders(takeout, today), related=takeout,
                      url=reverse("assets:takeout_detail", args=[takeout.pk]),
                      body=f"{takeout.destination}へ持ち出したものを返却予定日までに返却し、確認を受けてください。",
                      remind_days_before=(1, 0))
    return takeout


@transaction.atomic
def takeout_reject(*, actor, takeout: TakeOut, comment: str, today: date | None = None) -> TakeOut:
    transition(takeout, actor=actor, to=S.REJECTED, allowed=[S.REQUESTED], action="持出しの不承認", reason=comment,
               reason_required=True, reason_message="承認しない理由を入力してください。", reason_field="comment",
               check=_not_requester(takeout, actor, "不承認に"),
               changes={"decided_by": actor, "decided_on": today or timezone.localdate(),
                        "decision_comment": comment.strip()})
    reminder_resolve(key=reminder_key(takeout, "approve"))
    return takeout


@transaction.atomic
def takeout_withdraw(*, actor, takeout: TakeOut, reason: str = "") -> TakeOut:
    transition(takeout, actor=actor, to=S.WITHDRAWN, allowed=[S.REQUESTED], action="持出しの申請の取下げ",
               reason=reason)
    reminder_resolve(key=reminder_key(takeout, "approve"))
    return takeout


@transaction.atomic
def takeout_return(*, actor, takeout: TakeOut, returned_on: date, note: str = "",
                   today: date | None = None) -> TakeOut:
    """The return check: what was taken out is back (a return before the take-out is refused)."""
    today = today or timezone.localdate()

    def check(obj):
        if message := rules.return_error(obj.taken_out_on, returned_on, today):
            raise ValidationError({"returned_on": message})
        _not_requester(obj, actor, "返却の確認を")(obj)

    transition(takeout, actor=actor, to=S.RETURNED, allowed=[S.APPROVED], action="返却の確認", reason=note,
               check=check, validate=True,
               changes={"returned_on": returned_on, "return_checked_by": actor, "return_note": note.strip()})
    reminder_resolve(key=reminder_key(takeout, "return"))
    return takeout


def overdue_takeouts(queryset, today: date):
    """Approved and not back by the planned date: overdue for the section head."""
    return queryset.filter(status=S.APPROVED, planned_return__lt=today)


# ---- statistics per unit and fiscal year (京都市 全庁調査 (b)(c)(d)) ----------------------------------------

def takeout_tables(takeouts, year: int, today: date) -> list[Table]:
    """The take-outs of ``year`` (by 持出し日) counted as 京都市 counts them: sections per medium and per purpose
    (複数回答, shares of the sections that took something out), the state of approval and return, and per unit."""
    start, end = fiscal_year_range(year)
    rows = list(takeouts.filter(taken_out_on__range=(start, end)).select_related("unit")
                .values_list("unit__name", "medium_kind", "purpose", "status", "planned_return", "returned_on"))
    counted = [row for row in rows if row[3] not in (S.WITHDRAWN, S.REJECTED)]
    units_with = {row[0] for row in counted}
    label = wareki_fiscal_year(year)

    def per_choice(index, choices):
        sections, counts = defaultdict(set), Counter()
        for row in counted:
            sections[row[index]].add(row[0])
            counts[row[index]] += 1
        return [[f"{number}{text}", len(sections[value]), rules.share(len(sections[value]), len(units_with)),
                 counts[value]] for number, (value, text) in zip("①②③④⑤", choices, strict=False)]

    def state(row) -> str:
        _unit, _kind, _purpose, status, planned, returned = row
        if status == S.RETURNED:
            return "late" if returned and returned > planned else "returned"
        if status == S.APPROVED:
            return "overdue" if planned < today else "out"
        return status
    states = Counter(state(row) for row in rows)
    state_rows = [("requested", "申請中（未承認）"), ("out", "承認済み・持出し中（返却予定日前）"),
                  ("overdue", "承認済み・返却予定日を過ぎて未返却"), ("returned", "返却確認済み（予定日までに返却）"),
                  ("late", "返却確認済み（予定日より後に返却）"), ("rejected", "不承認"), ("withdrawn", "取下げ")]
    total = len(rows)
    by_unit: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        counter = by_unit[row[0]]
        counter["all"] += 1
        counter[row[1]] += 1
        counter[state(row)] += 1
    unit_rows = [[name, c["all"], c[TakeOut.MediumKind.PAPER], c[TakeOut.MediumKind.MEDIUM] + c[TakeOut.MediumKind.DEVICE],
                  c["returned"] + c["late"], c["out"], c["overdue"], c["requested"]]
                 for name, c in sorted(by_unit.items())]
    note = f"{label}（持出し日が {wareki(start)}〜{wareki(end)}）。不承認・取下げは媒体・目的の集計に含めません。"
    return [
        Table("media", f"{label} 持出しを行う媒体（複数回答）（単位: 所属, %）", ["媒体", "所属数", "割合", "件数"],
              per_choice(1, TakeOut.MediumKind.choices), note=f"割合は持出しのあった{len(units_with)}所属に対する割合。"),
        Table("purposes", f"{label} 個人情報を持ち出す目的（複数回答）（単位: 所属, %）", ["目的", "所属数", "割合", "件数"],
              per_choice(2, TakeOut.Purpose.choices), note=f"割合は持出しのあった{len(units_with)}所属に対する割合。"),
        Table("approval", f"{label} 承認・返却確認の状況（単位: 件, %）", ["状況", "件数", "割合"],
              [*([text, states[key], rules.share(states[key], total)] for key, text in state_rows),
               ["合計", total, rules.share(total, total)]], note=note),
        Table("units", f"{label} 所属別の持出し（単位: 件）",
              ["所属", "件数", "紙", "電子情報", "返却確認済み", "持出し中", "返却予定日超過", "申請中"], unit_rows,
              note=note),
    ]
