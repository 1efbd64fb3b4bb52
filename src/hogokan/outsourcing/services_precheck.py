"""The 資料2 checklist (委託に係るチェックリスト) of a contract: answered by the section, confirmed by the reviewing
unit (setting ``HOGOKAN_CONTRACT_REVIEW_UNIT``; blank: the office). Its confirmation is what the guard of
契約前確認済/契約済 in services.py asks for; confirming it moves a contract in 準備中 to 契約前確認済."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from hogokan.checklists import api as checklists
from hogokan.core.services import save_with_history
from hogokan.core.workflow import lock
from hogokan.outsourcing import services
from hogokan.outsourcing.models import Contract


def may_review(actor) -> bool:
    """The office, or a member of the reviewing unit named by the setting."""
    if actor.is_office:
        return True
    code = services.review_unit_code()
    if not code or not actor.is_section_member or actor.assignment is None or actor.assignment.unit_id is None:
        return False
    return actor.assignment.unit.code == code


@transaction.atomic
def precheck_start(*, actor, contract: Contract) -> Contract:
    """The contract's blank 資料2 sheet (the version in use), once."""
    lock(contract)
    if contract.precheck_sheet_id is not None:
        return contract
    template = checklists.template_in_use(checklists.Purpose.CONTRACT_PRECHECK)
    if template is None:
        raise ValidationError("使用中の「委託に係るチェックリスト」の様式がありません。事務局に様式の登録を依頼してください。")
    contract.precheck_sheet = checklists.sheet_create(template, actor=actor, reason=f"契約前確認の開始（{contract.title}）")
    return save_with_history(contract, actor, "契約前確認（資料2）の開始", validate=False)


@transaction.atomic
def precheck_confirm(*, actor, contract: Contract) -> Contract:
    if contract.precheck_sheet is None:
        raise ValidationError("チェックリストがまだ作成されていません。")
    checklists.sheet_confirm(contract.precheck_sheet, actor=actor, reason="審査担当課の確認")
    contract.refresh_from_db()
    if contract.status == Contract.Status.PREPARING:
        services.contract_move(actor=actor, contract=contract, to=Contract.Status.PRECHECKED,
                               reason="チェックリスト（資料2）の確認")
    return contract


@transaction.atomic
def precheck_return(*, actor, contract: Contract, reason: str) -> Contract:
    if contract.precheck_sheet is None:
        raise ValidationError("チェックリストがまだ作成されていません。")
    checklists.sheet_return(contract.precheck_sheet, actor=actor, reason=reason)
    return contract
