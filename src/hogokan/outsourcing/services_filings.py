"""Every write of the contractor's filings, with history rows naming who did it and why.

The permission checks are the views' and the API's (``scoping_filings.may_file`` / ``may_review``);
the state rules are here: a report is edited only while 記入中 or 差戻し, one open version at a time,
a sub-contractor files only once approved, a deletion report needs its certificate.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from hogokan.checklists import api as checklists
from hogokan.core.dashboard import DueItem
from hogokan.core.history import link_change, with_links
from hogokan.core.permissions import CHANGE, restrict
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
from hogokan.outsourcing.models import Contract
from hogokan.outsourcing.models_filings import (
    ContractorReport,
    ContractorYearlyCount,
    DeletionReport,
    FilingStatus,
    Subcontract,
)
from hogokan.outsourcing.scoping_filings import REVIEW

S = FilingStatus
OPEN = (S.DRAFT, S.SUBMITTED, S.RETURNED)
EDITABLE = (S.DRAFT, S.RETURNED)
REPORT_FIELDS = ("manager_department", "manager_title", "manager_name", "workers", "work_place", "storage_place",
                 "has_handling_rules", "has_certification", "certification", "city_contact_name",
                 "city_contact_phone", "contact_name", "contact_phone", "subcontracting", "change_reason")
# 第2号様式: what a report must state before it is submitted (field → the Japanese message).
REPORT_REQUIRED = {
    "manager_name": "業務責任者の氏名を入力してください。",
    "workers": "業務従事者を1人以上入力してください。",
    "work_place": "作業場所（住所）を入力してください。",
    "storage_place": "管理場所を具体的に入力してください。",
    "contact_name": "事故発生時の受託者の担当者氏名を入力してください。",
    "contact_phone": "事故発生時の受託者の電話番号を入力してください。",
}
SUBCONTRACT_FIELDS = ("company_name", "company_address", "reason", "work", "information", "safeguards",
                      "supervision")
DELETION_FIELDS = ("name", "medium", "quantity", "method", "method_detail", "done_on", "done_time",
                   "person_in_charge")
COUNT_MAX = 10_000_000


def deletion_days() -> int:
    return settings.HOGOKAN_CONTRACT_DELETION_DAYS


def _contractor_users(contract: Contract, subcontract: Subcontract | None = None) -> list:
    people = subcontract.people.all() if subcontract is not None else contract.contractor_people.all()
    return [person.user for person in people.select_related("user") if person.user_id and person.is_active]


def _section_users(contract: Contract, today: date) -> list:
    return org.officers_of(contract.unit, today) or org.chiefs_on(today)


def _notify_section(contract: Contract, subject: str, url: str, related) -> None:
    notification_send(recipients=_section_users(contract, timezone.localdate()), subject=subject, url=url,
                      related=related)


def _notify_filer(report_or_filing, contract: Contract, subject: str, body: str, url: str,
                  subcontract: Subcontract | None = None) -> None:
    users = _contractor_users(contract, subcontract)
    if report_or_filing.submitted_by_id and report_or_filing.submitted_by not in users:
        users.append(report_or_filing.submitted_by)
    notification_send(recipients=users, subject=subject, body=body, url=url, related=report_or_filing)


# ---- 管理体制等報告書 (第2号様式) ---------------------------------------------------------------------

def reports_of(contract: Contract, subcontract: Subcontract | None = None) -> QuerySet:
    """The versions of the contractor's (or one sub-contractor's) report, newest first."""
    reports = ContractorReport.objects.filter(contract=contract)
    reports = reports.filter(subcontract=subcontract) if subcontract is not None else reports.filter(
        subcontract__isnull=True)
    return reports.order_by("-version")


def accepted_report(contract: Contract, subcontract: Subcontract | None = None) -> ContractorReport | None:
    """The version in force: the newest accepted one (a change under review leaves it in force)."""
    return reports_of(contract, subcontract).filter(status=S.ACCEPTED).first()


def report_template():
    template = checklists.template_in_use(checklists.Purpose.CONTRACTOR_REPORT)
    if template is None:
        raise ValidationError("管理体制等報告書（安全管理措置）の様式が使用中になっていません。事務局に連絡してください。")
    return template


@transaction.atomic
def report_start(*, actor, contract: Contract, subcontract: Subcontract | None = None) -> ContractorReport:
    """A new version (記入中): 新規 the first time, 変更 after; the earlier version's entries are copied in."""
    Contract.objects.select_for_update().filter(pk=contract.pk).first()  # one new version at a time
    if subcontract is not None:
        if subcontract.contract_id != contract.pk:
            raise ValidationError("この委託の再委託先ではありません。")
        if subcontract.status != Subcontract.Status.APPROVED:
            raise ValidationError("再委託が承認されていないため、再委託先の報告書は作成できません。")
    versions = reports_of(contract, subcontract)
    if versions.filter(status__in=OPEN).exists():
        raise ValidationError("作成中または確認待ちの報告書があります。その報告書を編集・確認してください。")
    previous = versions.first()
    report = ContractorReport(contract=contract, subcontract=subcontract, version=(previous.version + 1) if previous
                              else 1, kind=ContractorReport.Kind.CHANGE if previous else ContractorReport.Kind.NEW)
    if previous is not None:
        for name in REPORT_FIELDS:
            setattr(report, name, getattr(previous, name))
        report.change_reason = ""
    elif subcontract is None:
        report.subcontracting = contract.subcontracting
    template = report_template()
    label = "変更" if previous else "新規"
    report.sheet = checklists.sheet_create(template, actor=actor, reason=f"管理体制等報告書（{label}）の作成")
    save_with_history(report, actor, f"管理体制等報告書（{label}・第{report.version}版）の作成")
    if previous is not None and previous.sheet_id:
        _copy_answers(previous, report, actor)
    return report


def _copy_answers(previous: ContractorReport, report: ContractorReport, actor) -> None:
    """A 変更 starts from what the version before answered (the contractor changes what changed)."""
    data = {}
    for answer in previous.sheet.answers.select_related("item"):
        key = f"a{answer.item_id}"
        if answer.selected:
            data.setdefault(key, []).extend(answer.selected)
        elif answer.value:
            data[key] = answer.value
        if answer.remark:
            data[f"{key}_remark"] = answer.remark
    if not data:
        return
    from django.utils.datastructures import MultiValueDict

    form = checklists.sheet_form(report.sheet, MultiValueDict({k: v if isinstance(v, list) else [v]
                                                              for k, v in data.items()}), partial=True)
    if form.is_valid():
        checklists.sheet_save(report.sheet, form, actor=actor)


@transaction.atomic
def report_save(*, actor, report: ContractorReport, sheet_form=None, files=(), **values) -> ContractorReport:
    """Store what the contractor typed (一時保存 or before 提出); only while 記入中 or 差戻し."""
    require_state(report, allowed=EDITABLE, refused="この報告書は『{state}』のため、変更できません。")
    for name, value in values.items():
        if name not in REPORT_FIELDS:
            raise TypeError(f"unknown report field {name}")
        setattr(report, name, value.strip() if isinstance(value, str) else value)
    save_with_history(report, actor, "記入" if report.status == S.DRAFT else "差戻し後の修正")
    if sheet_form is not None:
        checklists.sheet_save(report.sheet, sheet_form, actor=actor)
    for uploaded in files:
        try:
            attachment_add(actor=actor, target=report, uploaded_file=uploaded)
        except ValidationError as exc:
            raise ValidationError({"files": exc.messages}) from exc
    return report


def report_missing(report: ContractorReport) -> dict[str, str]:
    """What a report still lacks before it may be submitted (field → message)."""
    missing = {name: message for name, message in REPORT_REQUIRED.items() if not str(getattr(report, name)).strip()}
    if report.kind == ContractorReport.Kind.CHANGE and not report.change_reason.strip():
        missing["change_reason"] = "変更の報告では、変更の内容及び理由を入力してください。"
    if report.has_certification and not report.certification.strip():
        missing["certification"] = "取得している認証（ISMS、プライバシーマーク等）の名称を入力してください。"
    return missing


@transaction.atomic
def report_submit(*, actor, report: ContractorReport) -> ContractorReport:
    """記入中・差戻し → 提出済み, when every item of 第2号様式 is filled in; the section is notified."""

    def complete(locked):
        missing = report_missing(locked)
        if missing:
            raise ValidationError(missing)
        unanswered = checklists.missing_items(locked.sheet)
        if unanswered:
            raise ValidationError("安全管理措置の未回答の項目があります: "
                                  + "、".join(f"項目{item.number}" for item in unanswered))

    transition(report, actor=actor, to=S.SUBMITTED, allowed=EDITABLE, action="提出", check=complete,
               refused="この報告書は『{state}』のため、提出できません。",
               changes={"submitted_at": timezone.now(), "submitted_by": actor, "return_reason": ""})
    checklists.sheet_submit(report.sheet, actor=actor)
    url = reverse("outsourcing:report_detail", args=[report.pk])
    _notify_section(report.contract, f"管理体制等報告書（{report.get_kind_display()}）が提出されました: "
                                     f"{report.contract.title}", url, report)
    reminder_resolve(key=reminder_key(report.contract, "contractor_report"))
    return report


@transaction.atomic
def report_accept(*, actor, report: ContractorReport, comment: str = "") -> ContractorReport:
    """提出済み → 受理 (the section); the contract may then start (履行中)."""
    transition(report, actor=actor, to=S.ACCEPTED, allowed=[S.SUBMITTED], action="受理", reason=comment,
               refused="この報告書は『{state}』のため、受理できません。",
               changes={"decided_at": timezone.now(), "decided_by": actor})
    checklists.sheet_confirm(report.sheet, actor=actor, reason="報告書の受理")
    _notify_filer(report, report.contract, f"管理体制等報告書が受理されました: {report.contract.title}", comment,
                  reverse("outsourcing:report_detail", args=[report.pk]), report.subcontract)
    return report


@transaction.atomic
def report_return(*, actor, report: ContractorReport, reason: str) -> ContractorReport:
    """提出済み → 差戻し with the reason; the contractor corrects it and submits again."""
    send_back(report, actor=actor, to=S.RETURNED, allowed=[S.SUBMITTED], comment=reason, reason_field="reason",
              refused="この報告書は『{state}』のため、差し戻せません。",
              changes={"return_reason": (reason or "").strip(), "decided_at": timezone.now(), "decided_by": actor})
    checklists.sheet_return(report.sheet, actor=actor, reason=reason)
    _notify_filer(report, report.contract, f"管理体制等報告書が差し戻されました: {report.contract.title}",
                  reason.strip(), reverse("outsourcing:report_detail", args=[report.pk]), report.subcontract)
    return report


def report_request(*, contract: Contract) -> None:
    """Remind the contractor to file the report before the work starts (due: the contract's first day)."""
    if contract.pk is None or accepted_report(contract) is not None:
        return
    users = _contractor_users(contract)
    if not users:
        return
    reminder_schedule(key=reminder_key(contract, "contractor_report"),
                      subject=f"管理体制等報告書の提出: {contract.title}", due_date=contract.period_start,
                      recipients=users, url=reverse("outsourcing:portal"), related=contract,
                      escalate_to=_section_users(contract, timezone.localdate()))


def start_refusal(contract: Contract) -> str | None:
    """Why ``contract`` may not reach 履行中 (特記仕様書 第12条: the report comes before the work), or None."""
    if not getattr(contract, "handles_personal_information", True):
        return None
    if accepted_report(contract) is None:
        return "管理体制等報告書（第2号様式）が受理されていないため、履行中にできません。受託者の報告書を受理してください。"
    return None


# ---- 再委託 (特記仕様書 第5条) ---------------------------------------------------------------------

@transaction.atomic
def subcontract_apply(*, actor, contract: Contract, people=(), **values) -> Subcontract:
    """再委託承諾申請: before the sub-contractor starts, the contractor applies in writing (第5条②)."""
    unknown = set(values) - set(SUBCONTRACT_FIELDS)
    if unknown:
        raise TypeError(f"unknown subcontract fields {sorted(unknown)}")
    subcontract = Subcontract(contract=contract, submitted_at=timezone.now(), submitted_by=actor,
                              **{name: value.strip() if isinstance(value, str) else value
                                 for name, value in values.items()})
    names = sorted(person.name for person in people)
    save_with_history(subcontract, actor, with_links("再委託承諾申請", link_change("再委託先の担当者", set(), set(names))))
    subcontract.people.set(people)
    _notify_section(contract, f"再委託承諾申請が提出されました: {contract.title}（{subcontract.company_name}）",
                    reverse("outsourcing:subcontract_detail", args=[subcontract.pk]), subcontract)
    return subcontract


@transaction.atomic
def subcontract_approve(*, actor, subcontract: Subcontract, comment: str = "", people=None) -> Subcontract:
    """申請中 → 承認; ``people`` (contractor persons of the sub-contractor) may then file its report."""
    before = set(subcontract.people.values_list("name", flat=True))
    after = {person.name for person in people} if people is not None else before
    reason = with_links(comment.strip(), link_change("再委託先の担当者", before, after))
    transition(subcontract, actor=actor, to=Subcontract.Status.APPROVED, allowed=[Subcontract.Status.SUBMITTED],
               action="承認", reason=reason, refused="この申請は『{state}』のため、承認できません。",
               changes={"decided_at": timezone.now(), "decided_by": actor})
    if people is not None:
        subcontract.people.set(people)
    _notify_filer(subcontract, subcontract.contract, f"再委託が承認されました: {subcontract.company_name}", comment,
                  reverse("outsourcing:subcontract_detail", args=[subcontract.pk]))
    for user in _contractor_users(subcontract.contract, subcontract):
        notification_send(recipients=[user], subject=f"管理体制等報告書を提出してください: {subcontract.contract.title}",
                          url=reverse("outsourcing:portal"), related=subcontract)
    return subcontract


@transaction.atomic
def subcontract_refuse(*, actor, subcontract: Subcontract, reason: str) -> Subcontract:
    send_back(subcontract, actor=actor, to=Subcontract.Status.REFUSED, allowed=[Subcontract.Status.SUBMITTED],
              comment=reason, action="不承認", reason_field="reason",
              reason_message="不承認の理由を入力してください。",
              refused="この申請は『{state}』のため、不承認にできません。",
              changes={"return_reason": (reason or "").strip(), "decided_at": timezone.now(), "decided_by": actor})
    _notify_filer(subcontract, subcontract.contract, f"再委託は承認されませんでした: {subcontract.company_name}",
                  reason.strip(), reverse("outsourcing:subcontract_detail", args=[subcontract.pk]))
    return subcontract


def chain(contract: Contract) -> list[Subcontract]:
    """The approved sub-contractors of ``contract`` (the contract's chain), each with its report in force."""
    approved = list(contract.subcontracts.filter(status=Subcontract.Status.APPROVED).order_by("created_at"))
    for subcontract in approved:
        subcontract.report_in_force = accepted_report(contract, subcontract)
    return approved


# ---- 削除・返却報告 (特記仕様書 第10条) --------------------------------------------------------------

def _attach_certificate(actor, report: DeletionReport, certificate) -> None:
    try:
        attachment_add(actor=actor, target=report, uploaded_file=certificate, description="証明書")
    except ValidationError as exc:
        raise ValidationError({"certificate": exc.messages}) from exc


@transaction.atomic
def deletion_report_file(*, actor, contract: Contract, certificate, **values) -> DeletionReport:
    """The contractor reports what it erased, destroyed or returned, with the certificate (証明書)."""
    if certificate is None:
        raise ValidationError({"certificate": "消去・廃棄・返却の証明書を添付してください。"})
    unknown = set(values) - set(DELETION_FIELDS)
    if unknown:
        raise TypeError(f"unknown deletion report fields {sorted(unknown)}")
    report = DeletionReport(contract=contract, submitted_at=timezone.now(), submitted_by=actor,
                            **{name: value.strip() if isinstance(value, str) else value
                               for name, value in values.items()})
    save_with_history(report, actor, "削除・返却報告の提出")
    _attach_certificate(actor, report, certificate)
    _notify_section(contract, f"削除・返却報告が提出されました: {contract.title}",
                    reverse("outsourcing:deletion_detail", args=[report.pk]), report)
    return report


@transaction.atomic
def deletion_report_correct(*, actor, report: DeletionReport, certificate=None, **values) -> DeletionReport:
    """A returned report, corrected and sent again (a new certificate may be added)."""
    require_state(report, allowed=[S.RETURNED], refused="この報告は『{state}』のため、修正できません。")
    for name, value in values.items():
        if name not in DELETION_FIELDS:
            raise TypeError(f"unknown deletion report field {name}")
        setattr(report, name, value.strip() if isinstance(value, str) else value)
    report.status, report.submitted_at, report.submitted_by = S.SUBMITTED, timezone.now(), actor
    save_with_history(report, actor, "差戻し後の再提出")
    if certificate is not None:
        _attach_certificate(actor, report, certificate)
    _notify_section(report.contract, f"削除・返却報告が再提出されました: {report.contract.title}",
                    reverse("outsourcing:deletion_detail", args=[report.pk]), report)
    return report


@transaction.atomic
def deletion_report_confirm(*, actor, report: DeletionReport, comment: str = "") -> DeletionReport:
    """The section has checked the report and the certificate (確認済み); the contract may be 完了."""
    transition(report, actor=actor, to=S.ACCEPTED, allowed=[S.SUBMITTED], action="確認", reason=comment,
               refused="この報告は『{state}』のため、確認できません。",
               changes={"decided_at": timezone.now(), "decided_by": actor})
    if not DeletionReport.objects.filter(contract=report.contract_id, status__in=[S.SUBMITTED, S.RETURNED]).exists():
        reminder_resolve(key=reminder_key(report.contract, "deletion_report"))
    _notify_filer(report, report.contract, f"削除・返却報告を確認しました: {report.contract.title}", comment,
                  reverse("outsourcing:deletion_detail", args=[report.pk]))
    return report


@transaction.atomic
def deletion_report_return(*, actor, report: DeletionReport, reason: str) -> DeletionReport:
    send_back(report, actor=actor, to=S.RETURNED, allowed=[S.SUBMITTED], comment=reason, reason_field="reason",
              refused="この報告は『{state}』のため、差し戻せません。",
              changes={"return_reason": (reason or "").strip(), "decided_at": timezone.now(), "decided_by": actor})
    _notify_filer(report, report.contract, f"削除・返却報告が差し戻されました: {report.contract.title}",
                  reason.strip(), reverse("outsourcing:deletion_detail", args=[report.pk]))
    return report


def deletion_confirmed(contract: Contract) -> bool:
    """At least one report confirmed and none waiting or returned."""
    reports = DeletionReport.objects.filter(contract=contract)
    return reports.filter(status=S.ACCEPTED).exists() and not reports.filter(status__in=[S.SUBMITTED,
                                                                                         S.RETURNED]).exists()


def completion_refusal(contract: Contract) -> str | None:
    """Why ``contract`` may not reach 完了 (削除・返却確認済), or None."""
    if not getattr(contract, "handles_personal_information", True):
        return None
    if not deletion_confirmed(contract):
        return "削除・返却報告が確認されていないため、完了にできません。受託者の報告と証明書を確認してください。"
    return None


def deletion_overdue(contracts: QuerySet, today: date) -> QuerySet:
    """The contracts ended ``HOGOKAN_CONTRACT_DELETION_DAYS`` days ago or more whose deletion is not confirmed."""
    limit = today - timedelta(days=deletion_days())
    confirmed = DeletionReport.objects.filter(contract=OuterRef("pk"), status=S.ACCEPTED)
    pending = DeletionReport.objects.filter(contract=OuterRef("pk"), status__in=[S.SUBMITTED, S.RETURNED])
    contracts = contracts.filter(period_end__lte=limit).annotate(
        deletion_confirmed=Exists(confirmed), deletion_pending=Exists(pending))
    if "handles_personal_information" in {field.name for field in Contract._meta.get_fields()}:
        contracts = contracts.filter(handles_personal_information=True)
    return contracts.filter(Q(deletion_confirmed=False) | Q(deletion_pending=True))


def deletion_due(contract: Contract) -> date:
    return contract.period_end + timedelta(days=deletion_days())


def deletion_request(*, contract: Contract) -> None:
    """Remind the contractor of the deletion report (due: the end + the setting's days)."""
    users = _contractor_users(contract)
    if contract.pk is None or not users or deletion_confirmed(contract):
        return
    reminder_schedule(key=reminder_key(contract, "deletion_report"),
                      subject=f"削除・返却報告の提出: {contract.title}", due_date=deletion_due(contract),
                      recipients=users, url=reverse("outsourcing:portal"), related=contract,
                      escalate_to=_section_users(contract, timezone.localdate()), remind_days_before=(14, 3, 0))


# ---- 取扱件数の報告 (名古屋市 受託者等に対する指揮監督状況) ----------------------------------------------

@transaction.atomic
def yearly_count_save(*, actor, contract: Contract, fiscal_year: int, takeouts: int, home_takeouts: int,
                      copies: int, remarks: str = "") -> ContractorYearlyCount:
    """The contractor's counts for one fiscal year; a later correction replaces them (the history keeps both)."""
    from hogokan.core.calendar import fiscal_year as fiscal_year_of

    first, last = fiscal_year_of(contract.period_start), fiscal_year_of(contract.period_end)
    if not first <= fiscal_year <= last:
        raise ValidationError({"fiscal_year": f"{fiscal_year}年度はこの委託の契約期間（{first}〜{last}年度）にありません。"})
    for name, value in (("takeouts", takeouts), ("home_takeouts", home_takeouts), ("copies", copies)):
        if value is None or value < 0 or value > COUNT_MAX:
            raise ValidationError({name: f"件数は0以上{COUNT_MAX:,}以下の整数で入力してください。"})
    if home_takeouts > takeouts:
        raise ValidationError({"home_takeouts": "自宅への持出し件数は、持出し件数以下にしてください（自宅持出しは持出しの内数）。"})
    count = ContractorYearlyCount.objects.select_for_update().filter(contract=contract, fiscal_year=fiscal_year).first()
    reason = "取扱件数の報告" if count is None else "取扱件数の修正"
    count = count or ContractorYearlyCount(contract=contract, fiscal_year=fiscal_year)
    count.takeouts, count.home_takeouts, count.copies = takeouts, home_takeouts, copies
    count.remarks, count.reported_by = (remarks or "").strip(), actor
    return save_with_history(count, actor, reason)


def yearly_counts_table(contracts: QuerySet, fiscal_year: int) -> dict:
    """The 名古屋市 columns for ``contracts`` in ``fiscal_year``: 持出し業務件数 / 件数, 自宅持出し業務件数 / 件数, 複写・複製件数."""
    counts = ContractorYearlyCount.objects.filter(contract__in=contracts.values("pk"), fiscal_year=fiscal_year)
    result = {"takeout_contracts": 0, "takeouts": 0, "home_contracts": 0, "home_takeouts": 0, "copies": 0,
              "reported": 0}
    for count in counts:
        result["reported"] += 1
        result["takeouts"] += count.takeouts
        result["home_takeouts"] += count.home_takeouts
        result["copies"] += count.copies
        result["takeout_contracts"] += count.takeouts > 0
        result["home_contracts"] += count.home_takeouts > 0
    return result


# ---- the section's dashboard (今日のタスク) --------------------------------------------------------

def review_items(actor, today: date) -> list:
    """What waits for the section: reports, applications and deletion reports to review, deletions overdue."""
    if not (actor.is_office or actor.is_section_head):
        return []
    items = []
    for report in restrict(ContractorReport.objects.filter(status=S.SUBMITTED), actor, REVIEW).select_related(
            "contract"):
        items.append(DueItem(f"管理体制等報告書の確認: {report.contract.title}",
                             reverse("outsourcing:report_detail", args=[report.pk]), report.contract.period_start))
    for subcontract in restrict(Subcontract.objects.filter(status=Subcontract.Status.SUBMITTED), actor,
                                REVIEW).select_related("contract"):
        items.append(DueItem(f"再委託承諾申請の確認: {subcontract.contract.title}（{subcontract.company_name}）",
                             reverse("outsourcing:subcontract_detail", args=[subcontract.pk]), None))
    for report in restrict(DeletionReport.objects.filter(status=S.SUBMITTED), actor, REVIEW).select_related(
            "contract"):
        items.append(DueItem(f"削除・返却報告の確認: {report.contract.title}",
                             reverse("outsourcing:deletion_detail", args=[report.pk]), deletion_due(report.contract)))
    if actor.is_section_head:
        reviewable = Contract.objects.filter(pk__in=restrict(Contract.objects.all(), actor, CHANGE).values("pk"))
        for contract in deletion_overdue(reviewable, today).filter(deletion_pending=False)[:50]:
            items.append(DueItem(f"削除・返却報告が未提出: {contract.title}",
                                 reverse("outsourcing:contract_filings", args=[contract.pk]), deletion_due(contract)))
    return items


# ---- plugged into the register (services.py): guards, the portal's tasks, reminders on a move ----------

def _after_move(contract: Contract, to: str) -> None:
    if to == Contract.Status.SIGNED:
        report_request(contract=contract)  # the report comes before the work (特記仕様書 第12条)
    elif to == Contract.Status.PERFORMED:
        deletion_request(contract=contract)  # the deletion report after it (第10条)


def register_hooks() -> None:
    """Called once by the app's ready(): 履行中 needs an accepted report, 完了 a confirmed deletion report."""
    from hogokan.outsourcing import portal
    from hogokan.outsourcing import services as register

    register.register_transition_guard(Contract.Status.PERFORMING, start_refusal)
    register.register_transition_guard(Contract.Status.COMPLETED, completion_refusal)
    register.register_portal_task_provider(portal.filing_tasks)
    if _after_move not in register.AFTER_MOVE:
        register.AFTER_MOVE.append(_after_move)
