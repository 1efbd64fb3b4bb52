"""Every write of the uses and provisions: the unit drafts → submits for 合議 → the office approves or returns."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hogokan.core.services import notification_send, save_with_history
from hogokan.core.workflow import send_back, transition
from hogokan.org.api import chiefs_on, officers_of
from hogokan.purpose_uses.models import OutOfPurposeUse

S = OutOfPurposeUse.Status


@transaction.atomic
def use_save(*, actor, use: OutOfPurposeUse | None = None, reason: str = "", **fields) -> OutOfPurposeUse:
    """Create or edit a draft (a returned one goes back to draft); the law's checks are in ``clean``."""
    use = use or OutOfPurposeUse()
    if use.pk and use.status not in (S.DRAFT, S.RETURNED):
        raise ValidationError("合議中・承認済みの記録は変更できません。事務局に差戻しを依頼してください。")
    for name, value in fields.items():
        setattr(use, name, value)
    if use.personal_info_file_id and not use.file_or_affair_name.strip():
        use.file_or_affair_name = use.personal_info_file.name  # the name of the chosen 個人情報ファイル簿
    if use.status == S.RETURNED:
        use.status = S.DRAFT
    return save_with_history(use, actor, reason or ("起案" if use._state.adding else "修正"))


@transaction.atomic
def use_submit(*, actor, use: OutOfPurposeUse) -> OutOfPurposeUse:
    """The unit sends the draft to the office for 合議."""
    transition(use, actor=actor, to=S.CONSULTING, allowed=[S.DRAFT, S.RETURNED], action="合議",
               refused="起案中・差戻しの記録だけを合議に回せます。", changes={"submitted_on": timezone.localdate()},
               validate=True)
    notification_send(recipients=chiefs_on(timezone.localdate()), related=use,
                      subject=f"{use.get_kind_display()}の合議: {use.unit.name} {use.file_or_affair_name}",
                      url=reverse("purpose_uses:detail", args=[use.pk]))
    return use


def _tell_unit(use: OutOfPurposeUse, subject: str) -> None:
    notification_send(recipients=officers_of(use.unit, timezone.localdate()), related=use, subject=subject,
                      body=use.office_comment, url=reverse("purpose_uses:detail", args=[use.pk]))


@transaction.atomic
def use_approve(*, actor, use: OutOfPurposeUse, comment: str = "") -> OutOfPurposeUse:
    transition(use, actor=actor, to=S.APPROVED, allowed=[S.CONSULTING], action="承認", reason=comment,
               refused="合議中の記録だけを承認できます。", validate=True,
               changes={"approved_on": timezone.localdate(), "approved_by": actor, "office_comment": comment})
    _tell_unit(use, f"{use.get_kind_display()}が承認されました: {use.file_or_affair_name}")
    return use


@transaction.atomic
def use_return(*, actor, use: OutOfPurposeUse, comment: str) -> OutOfPurposeUse:
    send_back(use, actor=actor, to=S.RETURNED, allowed=[S.CONSULTING], comment=comment,
              refused="合議中の記録だけを差し戻せます。", changes={"office_comment": comment})
    _tell_unit(use, f"{use.get_kind_display()}が差し戻されました: {use.file_or_affair_name}")
    return use


@transaction.atomic
def use_withdraw(*, actor, use: OutOfPurposeUse) -> OutOfPurposeUse:
    return transition(use, actor=actor, to=S.WITHDRAWN, allowed=[S.DRAFT, S.CONSULTING, S.RETURNED],
                      action="取りやめ", refused="『{state}』の記録は取りやめにできません。")
