"""Every write of the inspections of running contracts (issue 13 §4), with history rows naming who and why.

- ``inspections_sync(contract)``: the stored schedule follows the rule (``rules.inspections``, the
  same pure function as the calculator API) whenever the contract is saved or moved; an inspection
  already begun is never removed or changed in kind, one not begun that the rule no longer asks for
  becomes 不要 (legal records are not deleted), and each open one is a reminder (core reminders:
  before the due date, an escalation after it) once the contract is signed;
- the steps: 予定 → 回答待ち (document: ``inspection_request``, the contractor answers in the portal)
  → 確認中 (``inspection_submit``) → 完了 or 改善報告待ち (``inspection_complete``: the result notice;
  a 否 asks for an improvement report due ``HOGOKAN_CONTRACT_IMPROVEMENT_DAYS`` later);
- ``inspection_add``: the officer adds an on-site inspection at any time (the rule is a minimum);
- 改善報告: ``improvement_save`` / ``improvement_submit`` (the contractor), ``improvement_accept`` /
  ``improvement_return`` (the section).

The permission checks are the views' and the API's (``scoping_inspections``); the state rules are here.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hogokan.checklists import api as checklists
from hogokan.core.calendar import fiscal_year as fiscal_year_of
from hogokan.core.calendar import require_plausible
from hogokan.core.services import (
    attachment_add,
    notification_send,
    reminder_key,
    reminder_resolve,
    reminder_schedule,
    save_with_history,
)
from hogokan.core.workflow import require_state, send_back, transition
from hogokan.org import api as org
from hogokan.outsourcing import rules
from hogokan.outsourcing.models import Contract
from hogokan.outsourcing.models_inspections import ContractInspection, ImprovementReport
from hogokan.outsourcing.services_filings import _contractor_users, _section_users

I = ContractInspection  # noqa: E741
IS = ContractInspection.Status
R = ImprovementReport.Status
BEGUN = (IS.ANSWERING, IS.REVIEWING, IS.DONE, IS.IMPROVEMENT)
OPEN = (IS.PLANNED, IS.ANSWERING, IS.REVIEWING)
# The contract is under way: its inspections remind and escalate (a contract being prepared does not yet).
ACTIVE_CONTRACT = (Contract.Status.SIGNED, Contract.Status.PERFORMING, Contract.Status.PERFORMED)
PURPOSES = {I.Kind.ONSITE: checklists.Purpose.CONTRACTOR_ONSITE, I.Kind.DOCUMENT: checklists.Purpose.CONTRACTOR_DOCUMENT}
RESPONDENT_FIELDS = ("respondent_department", "respondent_title", "respondent_name")
TEXT_MAX = 2000


def improvement_days() -> int:
    return int(getattr(settings, "HOGOKAN_CONTRACT_IMPROVEMENT_DAYS", 30))


def remind_days() -> list[int]:
    return list(getattr(settings, "HOGOKAN_CONTRACT_REMIND_DAYS", [30, 7, 1, 0]))


def facts_of(contract: Contract) -> rules.ContractFacts:
    return rules.ContractFacts(start=contract.period_start, end=contract.period_end,
                               persons=contract.persons_handled or 0,
                               designated_manager=contract.kind == Contract.Kind.DESIGNATED_MANAGER,
                               handles_personal_information=contract.handles_personal_information)


def schedule_of(contract: Contract) -> rules.Schedule:
    """What the rule asks of ``contract`` (the same function as POST /api/v1/rules/contractor-inspections)."""
    try:
        return rules.inspections(facts_of(contract), rules.onsite_persons_from_settings())
    except rules.FactsError as exc:
        return rules.Schedule([], [exc.message])


# ---- the schedule ---------------------------------------------------------------------------------

@transaction.atomic
def inspections_sync(contract: Contract, *, actor=None) -> list[ContractInspection]:
    """Bring the stored inspections of ``contract`` in line with the rule; returns its open inspections.

    Called by the contract's save and move services. Idempotent: nothing is written when nothing changed.
    """
    if contract.pk is None:
        return []
    Contract.objects.select_for_update().filter(pk=contract.pk).first()  # one sync of a contract at a time
    planned = {item.fiscal_year: item for item in schedule_of(contract).inspections}
    existing = {inspection.fiscal_year: inspection
                for inspection in contract.inspections.select_for_update().filter(origin=I.Origin.RULE)}
    for year, plan in planned.items():
        inspection = existing.get(year)
        if inspection is None:
            inspection = I(contract=contract, fiscal_year=year, kind=plan.kind, due_on=plan.due)
            save_with_history(inspection, actor, f"検査の予定（基準による: {rules.KIND_LABELS[plan.kind]}）")
            existing[year] = inspection
        elif inspection.status in (IS.PLANNED, IS.CANCELLED):
            changes = []
            if inspection.status == IS.CANCELLED:
                inspection.status = IS.PLANNED
                changes.append("予定の再開")
            if inspection.kind != plan.kind and inspection.sheet_id is None:
                changes.append(f"種類 {inspection.get_kind_display()} → {rules.KIND_LABELS[plan.kind]}")
                inspection.kind = plan.kind
            if inspection.due_on != plan.due:
                changes.append(f"期限 {inspection.due_on.isoformat()} → {plan.due.isoformat()}")
                inspection.due_on = plan.due
            if changes:
                save_with_history(inspection, actor, "契約の変更に伴う予定の変更: " + "、".join(changes))
        elif inspection.status in (IS.ANSWERING, IS.REVIEWING) and inspection.due_on != plan.due:
            old = inspection.due_on
            inspection.due_on = plan.due
            save_with_history(inspection, actor, f"契約の変更に伴う期限の変更: {old.isoformat()} → {plan.due.isoformat()}")
    for year, inspection in existing.items():
        if year not in planned and inspection.status == IS.PLANNED:
            inspection.status = IS.CANCELLED
            save_with_history(inspection, actor, "契約の変更により基準上の検査が不要になったため取消し")
            reminder_resolve(key=reminder_key(inspection, "due"))
        # begun, done or waiting for an improvement report: kept as they are
    open_ones = list(contract.inspections.filter(status__in=OPEN).order_by("due_on"))
    for inspection in open_ones:
        inspection.contract = contract
        _remind(inspection)
    return open_ones


def _remind(inspection: ContractInspection) -> None:
    """The inspection as a task: reminders before its due date, an escalation to the office after it."""
    contract = inspection.contract
    if contract.status not in ACTIVE_CONTRACT or not inspection.open:
        return
    today = timezone.localdate()
    recipients = list(_section_users(contract, today))
    if inspection.status == IS.ANSWERING:
        recipients += _contractor_users(contract)
    what = "書面検査への回答" if inspection.status == IS.ANSWERING else inspection.get_kind_display()
    reminder_schedule(key=reminder_key(inspection, "due"),
                      subject=f"{inspection.fiscal_year}年度の{what}: {contract.title}", due_date=inspection.due_on,
                      recipients=recipients, url=reverse("outsourcing:inspection_detail", args=[inspection.pk]),
                      related=inspection, escalate_to=org.chiefs_on(today) or _section_users(contract, today),
                      remind_days_before=remind_days())


def _after_move(contract: Contract, to: str) -> None:
    inspections_sync(contract)


@transaction.atomic
def inspection_add(*, actor, contract: Contract, due_on: date, kind: str = I.Kind.ONSITE,
                   notes: str = "") -> ContractInspection:
    """An inspection the officer adds (実地検査 by default; 八千代市基準: more on-site checks at its discretion)."""
    require_plausible(due_on, "期限")
    if kind not in I.Kind.values:
        raise ValidationError({"kind": "検査の種類は実地検査又は書面検査を選んでください。"})
    if contract.status == Contract.Status.COMPLETED:
        raise ValidationError("完了した委託には検査を追加できません。")
    if not contract.handles_personal_information:
        raise ValidationError("個人情報を取り扱わない委託には、遵守状況検査は行いません。")
    latest = contract.period_end + timedelta(days=365)
    if due_on < contract.period_start or due_on > latest:
        raise ValidationError({"due_on": "期限は契約期間の開始日から、終了日の1年後までの日付にしてください。"})
    notes = (notes or "").strip()
    if len(notes) > TEXT_MAX:
        raise ValidationError({"notes": f"備考は{TEXT_MAX}文字以内で入力してください。"})
    inspection = I(contract=contract, fiscal_year=fiscal_year_of(due_on), kind=kind, origin=I.Origin.ADDED,
                   due_on=due_on, notes=notes)
    save_with_history(inspection, actor, f"検査の追加（{inspection.get_kind_display()}）")
    _remind(inspection)
    return inspection


def _sheet(inspection: ContractInspection, actor):
    if inspection.sheet_id is None:
        template = checklists.template_in_use(PURPOSES[inspection.kind])
        if template is None:
            raise ValidationError("遵守状況検査書の様式が使用中になっていません。事務局に連絡してください。")
        inspection.sheet = checklists.sheet_create(template, actor=actor,
                                                   reason=f"{inspection.get_kind_display()}の検査書の作成")
        save_with_history(inspection, actor, "検査書の作成", validate=False)
    return inspection.sheet


def _url(inspection) -> str:
    return reverse("outsourcing:inspection_detail", args=[inspection.pk])


@transaction.atomic
def inspection_request(*, actor, inspection: ContractInspection, comment: str = "") -> ContractInspection:
    """書面検査: 予定 → 回答待ち; the contractor is asked to answer 資料7 in the portal."""
    require_state(inspection, allowed=[IS.PLANNED], refused="この検査は『{state}』のため、回答を依頼できません。")
    if not inspection.is_document:
        raise ValidationError("実地検査は担当課が結果を記録します（受託者への回答の依頼は書面検査だけです）。")
    users = _contractor_users(inspection.contract)
    if not users:
        raise ValidationError("この委託にはログインする受託者の担当者がいません。委託の「受託者の担当者」を指定するか、"
                              "書面で受け取った回答を担当課が入力してください。")
    _sheet(inspection, actor)
    transition(inspection, actor=actor, to=IS.ANSWERING, allowed=[IS.PLANNED], action="回答の依頼", reason=comment,
               locked=True, changes={"requested_at": timezone.now(), "return_reason": ""})
    notification_send(recipients=users, subject=f"書面検査（遵守状況検査書）への回答のお願い: {inspection.contract.title}",
                      body=(comment or "").strip(), url=_url(inspection), related=inspection,
                      due_date=inspection.due_on)
    _remind(inspection)
    return inspection


def _editable_by(inspection: ContractInspection, *, contractor: bool) -> None:
    allowed = [IS.ANSWERING] if contractor else [IS.PLANNED]
    require_state(inspection, allowed=allowed, refused="この検査は『{state}』のため、回答を変更できません。")


@transaction.atomic
def inspection_save(*, actor, inspection: ContractInspection, sheet_form=None, contractor: bool,
                    **values) -> ContractInspection:
    """Store the answers (一時保存): the contractor's while 回答待ち, the section's record while 予定."""
    _editable_by(inspection, contractor=contractor)
    allowed = RESPONDENT_FIELDS if contractor else ("inspected_on", "inspector")
    for name, value in values.items():
        if name not in allowed:
            raise TypeError(f"unknown inspection field {name}")
        setattr(inspection, name, value.strip() if isinstance(value, str) else value)
    if inspection.inspected_on is not None:
        require_plausible(inspection.inspected_on, "検査実施日")
        if inspection.inspected_on > timezone.localdate():
            raise ValidationError({"inspected_on": "検査実施日に未来の日付は指定できません。"})
    sheet = _sheet(inspection, actor)
    save_with_history(inspection, actor, "回答の記入" if contractor else "検査結果の記録")
    if sheet_form is not None:
        checklists.sheet_save(sheet, sheet_form, actor=actor)
    return inspection


def _missing(inspection: ContractInspection, contractor: bool) -> dict[str, str]:
    if contractor:
        return {name: f"受託者検査対応者の{label}を入力してください。"
                for name, label in (("respondent_department", "部署名"), ("respondent_name", "担当者名"))
                if not getattr(inspection, name).strip()}
    missing = {}
    if inspection.inspected_on is None:
        missing["inspected_on"] = "検査実施日を入力してください。"
    if not inspection.inspector.strip():
        missing["inspector"] = "検査実施者を入力してください。"
    return missing


@transaction.atomic
def inspection_submit(*, actor, inspection: ContractInspection, contractor: bool) -> ContractInspection:
    """回答待ち (the contractor) or 予定 (the section's record) → 確認中, every item answered 適・否."""
    _editable_by(inspection, contractor=contractor)
    missing = _missing(inspection, contractor)
    if missing:
        raise ValidationError(missing)
    checklists.sheet_submit(_sheet(inspection, actor), actor=actor)
    transition(inspection, actor=actor, to=IS.REVIEWING, allowed=[IS.ANSWERING] if contractor else [IS.PLANNED],
               action="回答の提出" if contractor else "検査結果の記録の完了", locked=True,
               changes={"answered_at": timezone.now(), "answered_by": actor})
    if contractor:
        notification_send(recipients=_section_users(inspection.contract, timezone.localdate()),
                          subject=f"書面検査の回答が提出されました: {inspection.contract.title}", url=_url(inspection),
                          related=inspection)
    return inspection


@transaction.atomic
def inspection_return(*, actor, inspection: ContractInspection, reason: str) -> ContractInspection:
    """書面検査の回答を差戻し (確認中 → 回答待ち) with the reason; the contractor corrects and submits again."""
    if not inspection.is_document or inspection.requested_at is None:
        raise ValidationError("差し戻せるのは受託者が回答した書面検査だけです。")
    send_back(inspection, actor=actor, to=IS.ANSWERING, allowed=[IS.REVIEWING], comment=reason, reason_field="reason",
              refused="この検査は『{state}』のため、差し戻せません。",
              changes={"return_reason": (reason or "").strip()})
    checklists.sheet_return(inspection.sheet, actor=actor, reason=reason)
    notification_send(recipients=_contractor_users(inspection.contract),
                      subject=f"書面検査の回答が差し戻されました: {inspection.contract.title}", body=reason.strip(),
                      url=_url(inspection), related=inspection)
    _remind(inspection)
    return inspection


def failing_of(inspection: ContractInspection) -> list:
    return checklists.failing_items(inspection.sheet) if inspection.sheet_id else []


def _findings(failing) -> str:
    lines = []
    for answer in failing:
        line = f"項目{answer.item.number} {answer.item.category}: {answer.item.text}"
        if answer.remark:
            line += f"（備考: {answer.remark}）"
        lines.append(line)
    return "\n".join(lines)


@transaction.atomic
def inspection_complete(*, actor, inspection: ContractInspection, comment: str = "",
                        improvement_due: date | None = None) -> ContractInspection:
    """確認中 → 完了, or 改善報告待ち where an item is 否 (an improvement report is requested); the result
    notice goes to the contractor."""
    require_state(inspection, allowed=[IS.REVIEWING], refused="この検査は『{state}』のため、結果を確定できません。")
    comment = (comment or "").strip()
    if len(comment) > TEXT_MAX:
        raise ValidationError({"reason": f"所見は{TEXT_MAX}文字以内で入力してください。"})
    failing = failing_of(inspection)
    today = timezone.localdate()
    if failing:
        improvement_due = improvement_due or today + timedelta(days=improvement_days())
        require_plausible(improvement_due, "改善報告の期限")
        if improvement_due < today:
            raise ValidationError({"improvement_due": "改善報告の期限は今日以降の日付にしてください。"})
    checklists.sheet_confirm(inspection.sheet, actor=actor, reason="検査結果の確定")
    to = IS.IMPROVEMENT if failing else IS.DONE
    transition(inspection, actor=actor, to=to, allowed=[IS.REVIEWING], action="検査結果の確定・通知", reason=comment,
               locked=True, changes={"result_comment": comment, "notified_at": timezone.now(), "decided_by": actor})
    reminder_resolve(key=reminder_key(inspection, "due"))
    contract = inspection.contract
    notice = reverse("outsourcing:inspection_notice", args=[inspection.pk])
    if failing:
        report = ImprovementReport(inspection=inspection, due_on=improvement_due, findings=_findings(failing))
        save_with_history(report, actor, "改善報告の依頼")
        _remind_improvement(report)
        body = (f"「否」の項目が{len(failing)}件ありました。改善の内容を{improvement_due.isoformat()}までに"
                "改善報告として提出してください。")
    else:
        body = "すべての項目が「適」でした。"
    notification_send(recipients=_contractor_users(contract), subject=f"{inspection.get_kind_display()}の結果の通知: "
                      f"{contract.title}", body=body, url=notice, related=inspection)
    return inspection


# ---- 改善報告 ----------------------------------------------------------------------------------------

def _improvement_url(report) -> str:
    return reverse("outsourcing:improvement_detail", args=[report.pk])


def _remind_improvement(report: ImprovementReport) -> None:
    contract = report.inspection.contract
    users = _contractor_users(contract)
    if not users:
        return
    reminder_schedule(key=reminder_key(report, "due"), subject=f"改善報告の提出: {contract.title}",
                      due_date=report.due_on, recipients=users, url=_improvement_url(report), related=report,
                      escalate_to=_section_users(contract, timezone.localdate()), remind_days_before=(7, 1, 0))


@transaction.atomic
def improvement_save(*, actor, report: ImprovementReport, measures: str, done_on: date | None = None,
                     files=()) -> ImprovementReport:
    """The contractor writes what it improved (提出待ち・差戻し only); evidence files may be attached."""
    require_state(report, allowed=[R.REQUESTED, R.RETURNED], refused="この改善報告は『{state}』のため、変更できません。")
    measures = (measures or "").strip()
    if len(measures) > TEXT_MAX * 2:
        raise ValidationError({"measures": f"改善の内容は{TEXT_MAX * 2}文字以内で入力してください。"})
    if done_on is not None:
        require_plausible(done_on, "改善の実施日")
        if done_on > timezone.localdate():
            raise ValidationError({"done_on": "改善の実施日に未来の日付は指定できません。"})
    report.measures, report.done_on = measures, done_on
    save_with_history(report, actor, "改善報告の記入" if report.status == R.REQUESTED else "差戻し後の修正")
    for uploaded in files:
        try:
            attachment_add(actor=actor, target=report, uploaded_file=uploaded)
        except ValidationError as exc:
            raise ValidationError({"files": exc.messages}) from exc
    return report


@transaction.atomic
def improvement_submit(*, actor, report: ImprovementReport) -> ImprovementReport:
    def complete(locked):
        missing = {}
        if not locked.measures.strip():
            missing["measures"] = "改善の内容を入力してください。"
        if locked.done_on is None:
            missing["done_on"] = "改善の実施日を入力してください。"
        if missing:
            raise ValidationError(missing)

    transition(report, actor=actor, to=R.SUBMITTED, allowed=[R.REQUESTED, R.RETURNED], action="改善報告の提出",
               check=complete, refused="この改善報告は『{state}』のため、提出できません。",
               changes={"submitted_at": timezone.now(), "submitted_by": actor, "return_reason": ""})
    contract = report.inspection.contract
    notification_send(recipients=_section_users(contract, timezone.localdate()),
                      subject=f"改善報告が提出されました: {contract.title}", url=_improvement_url(report), related=report)
    return report


@transaction.atomic
def improvement_accept(*, actor, report: ImprovementReport, comment: str = "") -> ImprovementReport:
    """提出済み → 受理; the inspection is then 完了."""
    transition(report, actor=actor, to=R.ACCEPTED, allowed=[R.SUBMITTED], action="改善報告の受理", reason=comment,
               refused="この改善報告は『{state}』のため、受理できません。",
               changes={"decided_at": timezone.now(), "decided_by": actor})
    reminder_resolve(key=reminder_key(report, "due"))
    inspection = report.inspection
    if not inspection.improvements.exclude(status=R.ACCEPTED).exists():
        transition(inspection, actor=actor, to=IS.DONE, allowed=[IS.IMPROVEMENT], action="改善報告の受理により完了",
                   refused="この検査は『{state}』のため、完了にできません。")
    contract = inspection.contract
    notification_send(recipients=_contractor_users(contract), subject=f"改善報告を受理しました: {contract.title}",
                      body=(comment or "").strip(), url=_improvement_url(report), related=report)
    return report


@transaction.atomic
def improvement_return(*, actor, report: ImprovementReport, reason: str) -> ImprovementReport:
    send_back(report, actor=actor, to=R.RETURNED, allowed=[R.SUBMITTED], comment=reason, reason_field="reason",
              refused="この改善報告は『{state}』のため、差し戻せません。",
              changes={"return_reason": (reason or "").strip(), "decided_at": timezone.now(), "decided_by": actor})
    contract = report.inspection.contract
    notification_send(recipients=_contractor_users(contract), subject=f"改善報告が差し戻されました: {contract.title}",
                      body=reason.strip(), url=_improvement_url(report), related=report)
    return report


# ---- reading ---------------------------------------------------------------------------------------------

def inspection_overdue(inspection: ContractInspection, today: date) -> bool:
    return inspection.status in OPEN and inspection.due_on < today


def register_hooks() -> None:
    """Called once by the app's ready(): the schedule follows every move of a contract."""
    from hogokan.outsourcing import portal
    from hogokan.outsourcing import services as register

    register.register_portal_task_provider(portal.inspection_tasks)
    if _after_move not in register.AFTER_MOVE:
        register.AFTER_MOVE.append(_after_move)
