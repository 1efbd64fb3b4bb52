"""Every write of the security reviews of new and changed systems, and the yearly table (名古屋市, seeds/000_…)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hogokan.assets.models_review import Matter, ReviewBody, SystemReview
from hogokan.checklists import api as checklists
from hogokan.core.calendar import wareki_fiscal_year
from hogokan.core.exports import Table
from hogokan.core.services import notification_send, save_with_history
from hogokan.core.workflow import transition
from hogokan.org.api import bureau_of, chiefs_on, officers_of

S = SystemReview.Status
REVIEW_FIELDS = ("matters", "body", "fiscal_year", "description", "planned_on", "requested_on")


@transaction.atomic
def review_request(*, actor, system, reason: str = "", **fields) -> SystemReview:
    """The 所管課 asks for the review of a development or change; the office is told."""
    unknown = set(fields) - set(REVIEW_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    review = SystemReview(system=system, requested_by=actor)
    for name, value in fields.items():
        setattr(review, name, value.strip() if isinstance(value, str) else value)
    if isinstance(review.matters, list | tuple):
        order = list(Matter.values)
        review.matters = sorted(set(review.matters), key=lambda code: order.index(code) if code in order else 99)
    save_with_history(review, actor, reason or "点検の依頼")
    notification_send(recipients=chiefs_on(timezone.localdate()), related=review,
                      subject=f"情報セキュリティ対策の点検の依頼: {system.name}",
                      body=f"{system.unit.name}から{review.matters_label}の点検の依頼がありました。",
                      url=reverse("assets:security_review_detail", args=[review.pk]))
    return review


@transaction.atomic
def review_start(*, actor, review: SystemReview) -> SystemReview:
    """The reviewer takes it up: the review is 対応中 and gets the reviewer's checklist."""
    template = checklists.template_in_use(checklists.Purpose.SECURITY_REVIEW)
    if template is None:
        raise ValidationError("情報セキュリティ対策の点検の様式（使用中の版）がありません。点検表の様式を確認してください。")
    transition(review, actor=actor, to=S.IN_REVIEW, allowed=[S.REQUESTED], action="点検の開始",
               changes={"reviewer": actor})
    review.sheet = checklists.sheet_create(template, actor=actor, reason=f"点検の開始: {review.system.name}")
    return save_with_history(review, actor, "点検項目の記入の開始", validate=False)


@transaction.atomic
def review_notify(*, actor, review: SystemReview, notified_on: date, result: str, note: str = "") -> SystemReview:
    """The result is notified to the 所管課 on ``notified_on``: every required item of the checklist answered;
    a 否 means 改善を要する事項あり with the points written out."""
    def check(locked):
        if locked.sheet is not None:
            missing = checklists.missing_items(locked.sheet)
            if missing:
                raise ValidationError("点検項目に未記入があります: " + "、".join(f"項目{item.number}" for item in missing))
            if checklists.failing_items(locked.sheet) and result == SystemReview.Result.SUITABLE:
                raise ValidationError({"result": "点検項目に「否」があるときは「改善を要する事項あり」を選んでください。"})

    transition(review, actor=actor, to=S.NOTIFIED, allowed=[S.IN_REVIEW], action="結果の通知", check=check,
               validate=True, changes={"notified_on": notified_on, "result": result, "result_note": note.strip()})
    if review.sheet is not None and review.sheet.status != checklists.SheetStatus.CONFIRMED:
        checklists.sheet_submit(review.sheet, actor=actor)
        checklists.sheet_confirm(review.sheet, actor=actor, reason="結果の通知")
    notification_send(recipients=officers_of(review.system.unit, timezone.localdate()), related=review,
                      subject=f"情報セキュリティ対策の点検の結果: {review.system.name}",
                      body=f"点検の結果: {review.get_result_display()}", url=reverse("assets:security_review_detail",
                                                                                  args=[review.pk]))
    return review


@transaction.atomic
def review_withdraw(*, actor, review: SystemReview, reason: str) -> SystemReview:
    return transition(review, actor=actor, to=S.WITHDRAWN, allowed=[S.REQUESTED], action="点検の依頼の取下げ",
                      reason=reason, reason_required=True, reason_message="取下げの理由を入力してください。")


def systems_without_review(systems):
    """Systems in use that hold personal information and were never reviewed (DESIGN §4: a new system with
    personal data requires a review)."""
    return (systems.filter(handles_personal_information=True, retired_on__isnull=True)
            .exclude(security_reviews__status__in=[S.REQUESTED, S.IN_REVIEW, S.NOTIFIED]))


# ---- the yearly table (seeds/000_…: 令和6年度情報システム等の情報セキュリティ対策に関する点検結果) ------------------

TABLE_NUMBERS = "１２３４５６７８９"


def review_tables(reviews, fiscal_year: int) -> list[Table]:
    """One table per reviewing body, as the city prints it: 所管局, 情報システム・ネットワーク名, 所管課, 該当事項,
    結果通知日 (点検完了日 for the bodies after the first) or 対応中, 個人情報 あり/なし; rows by 所管局."""
    rows_by_body: dict[str, list] = defaultdict(list)
    for review in (reviews.filter(fiscal_year=fiscal_year).exclude(status=S.WITHDRAWN)
                   .select_related("system__unit__organ")):
        unit = review.system.unit
        bureau = bureau_of(unit)
        sort_key = (unit.organ.display_order, bureau.code, review.notified_on is None,
                    review.notified_on or date.max, review.system.name)
        rows_by_body[review.body].append((sort_key, [
            bureau.name, review.system.name, unit.name, review.matters_label, review.result_date_label,
            "あり" if review.system.handles_personal_information else "なし"]))
    title = f"{wareki_fiscal_year(fiscal_year)}情報システム等の情報セキュリティ対策に関する点検結果"
    tables = []
    for index, (body, label) in enumerate(ReviewBody.choices):
        date_column = "結果通知日" if body == ReviewBody.DEPUTY else "点検完了日"
        rows = [row for _key, row in sorted(rows_by_body.get(body, []), key=lambda pair: pair[0])]
        pending = sum(1 for row in rows if row[4] == "対応中")
        tables.append(Table(
            body, f"{TABLE_NUMBERS[index]}　{label}",
            ["所管局", "情報システム・ネットワーク名", "所管課", "該当事項", date_column, "個人情報"],
            rows, sheet=str(label)[:31], preamble=[[title]] if index == 0 else (),
            note=f"{len(rows)}件（うち対応中 {pending}件）。" if rows else "該当なし"))
    return tables

