"""Every write of the systems register, accounts, stocktakes and log analyses (history names the actor).

The access reviews after 人事異動 and leaves are in ``reviews.py``.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from hogokan.assets import rules
from hogokan.assets.models import (
    AccountStocktake,
    InfoSystem,
    LogAnalysis,
    StocktakeLine,
    SystemAccount,
)
from hogokan.checklists import api as checklists
from hogokan.core.history import link_change
from hogokan.core.services import reminder_key, reminder_resolve, reminder_schedule, save_with_history
from hogokan.core.workflow import transition
from hogokan.org import api as org

_save = save_with_history

SYSTEM_FIELDS = (
    "name", "unit", "purpose", "handles_personal_information", "handles_specific_personal_information", "location",
    "network", "contract", "vendor", "id_policy", "admin_grantors", "log_collected", "log_retention",
    "log_analysis_frequency", "log_users_informed", "patching_by", "stocktake_frequency", "in_use_since",
    "retired_on", "notes",
)


# ---- systems -----------------------------------------------------------------------------------

def _set_links(system: InfoSystem, files, affairs) -> str:
    """Set the file and affair links; the change as a history reason part (links have no history)."""
    notes = []
    if files is not None:
        before = [str(f) for f in system.files.all()]
        system.files.set(list(files))
        note = link_change("個人情報ファイル", before, [str(f) for f in files])
        notes.append(note)
    if affairs is not None:
        before = [str(a) for a in system.affairs.all()]
        system.affairs.set(list(affairs))
        notes.append(link_change("取扱事務", before, [str(a) for a in affairs]))
    return "／".join(note for note in notes if note)


@transaction.atomic
def system_save(*, actor, system: InfoSystem | None = None, files=None, affairs=None, reason: str = "",
                **fields) -> InfoSystem:
    """Register a system or change its entry; ``files``/``affairs`` (iterables) replace the links when given."""
    unknown = set(fields) - set(SYSTEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown system fields: {sorted(unknown)}")
    adding = system is None
    system = system or InfoSystem()
    for name, value in fields.items():
        setattr(system, name, value)
    if isinstance(system.name, str):
        system.name = system.name.strip()
    _save(system, actor, reason or ("登録" if adding else "変更"))
    links = _set_links(system, files, affairs)
    if links:
        _save(system, actor, links, validate=False)
    return system


# ---- accounts ----------------------------------------------------------------------------------

@transaction.atomic
def account_add(*, actor, system: InfoSystem, person, account_id: str, admin: bool = False, shared: bool = False,
                granted_on: date | None = None, note: str = "") -> SystemAccount:
    if system.retired_on is not None:
        raise ValidationError("廃止されたシステムにはアカウントを登録できません。")
    return _save(SystemAccount(system=system, person=person, account_id=(account_id or "").strip(), admin=admin,
                               shared=shared, granted_on=granted_on, note=note), actor, "アカウントの登録")


@transaction.atomic
def account_disable(*, actor, account: SystemAccount, disabled_on: date, reason: str = "") -> SystemAccount:
    if account.disabled_on is not None:
        raise ValidationError(f"アカウント「{account.account_id}」はすでに停止されています。")
    account.disabled_on = disabled_on
    return _save(account, actor, f"停止: {reason}" if reason else "停止")


@transaction.atomic
def accounts_import(*, actor, system: InfoSystem, rows: list[dict]) -> list[SystemAccount]:
    """Accounts from a checked user list (``rows`` of person, account_id, admin, shared, granted_on): all or nothing."""
    if system.retired_on is not None:
        raise ValidationError("廃止されたシステムにはアカウントを登録できません。")
    accounts = [SystemAccount(system=system, **row) for row in rows]
    for account in accounts:
        account.full_clean()
    return bulk_create_with_history(accounts, SystemAccount, default_user=actor,
                                    default_change_reason="利用者一覧の取込")


# ---- stocktakes (棚卸し) -------------------------------------------------------------------------

def stocktake_due(system: InfoSystem) -> date | None:
    """When the system's next stocktake is due (None: no schedule)."""
    last = (system.stocktakes.filter(status=AccountStocktake.Status.DONE).order_by("-completed_on")
            .values_list("completed_on", flat=True).first())
    since = system.in_use_since or timezone.localdate(system.created_at)
    return rules.next_due(system.stocktake_frequency, last_done=last, since=since)


def line_flag(account: SystemAccount, *, on_leave: set[int], units_held: dict[int, set[int]], scopes: dict) -> str:
    """Why an account should probably be disabled: its holder is on leave, or no longer works for the system."""
    if account.person_id in on_leave:
        return "休職・休業中"
    held = frozenset(units_held.get(account.person_id, ()))
    if not held:
        return "現在の配属なし（退職・配属終了）"
    if held not in scopes:
        scopes[held] = org.unit_subtrees(held)
    if account.system.unit_id not in scopes[held]:
        return "所管課以外に異動"
    return ""


@transaction.atomic
def stocktake_start(*, actor, system: InfoSystem, due: date | None = None, today: date | None = None
                    ) -> AccountStocktake:
    """Open a stocktake of the system's active accounts; those of people on leave or moved away are flagged."""
    today = today or timezone.localdate()
    if system.stocktakes.filter(status=AccountStocktake.Status.OPEN).exists():
        raise ValidationError("このシステムには実施中の棚卸しがあります。")
    template = checklists.template_in_use("account_stocktake")
    sheet = checklists.sheet_create(template, actor=actor, reason="アカウントの棚卸しの開始") if template else None
    due = due or stocktake_due(system) or today
    if due < today:
        due = today  # an overdue schedule starts now, due today
    stocktake = _save(AccountStocktake(system=system, due=due, sheet=sheet, started_by=actor), actor,
                      "棚卸しの開始")
    accounts = list(system.accounts.filter(disabled_on__isnull=True).select_related("system"))
    person_ids = {account.person_id for account in accounts}
    on_leave = org.people_on_leave(today, person_ids)
    units_held = org.current_units_of(person_ids, today)
    scopes: dict = {}
    lines = [StocktakeLine(stocktake=stocktake, account=account,
                           flag=line_flag(account, on_leave=on_leave, units_held=units_held, scopes=scopes))
             for account in accounts]
    bulk_create_with_history(lines, StocktakeLine, default_user=actor, default_change_reason="棚卸しの開始")
    unit = system.unit.current_successor() or system.unit
    reminder_schedule(key=reminder_key(stocktake, "complete"), subject=f"アカウントの棚卸し: {system.name}",
                      due_date=due, recipients=org.officers_of(unit, today), related=stocktake,
                      url=f"/assets/stocktakes/{stocktake.pk}/", escalate_to=org.managers_above(unit, today))
    return stocktake


@transaction.atomic
def stocktake_line_decide(*, actor, line: StocktakeLine, decision: str, note: str = "") -> StocktakeLine:
    if line.stocktake.status != AccountStocktake.Status.OPEN:
        raise ValidationError("完了した棚卸しは変更できません。")
    if decision not in StocktakeLine.Decision.values:
        raise ValidationError({"decision": "確認結果は「確認（継続）」か「停止」を選んでください。"})
    line.decision, line.note = decision, note.strip()
    return _save(line, actor, f"棚卸し: {line.get_decision_display()}")


def stocktake_require_decided(stocktake: AccountStocktake) -> None:
    """Refuse while an account of the stocktake is neither confirmed nor to be disabled."""
    pending = stocktake.lines.filter(decision=StocktakeLine.Decision.PENDING).select_related("account")
    if pending.exists():
        ids = "、".join(line.account.account_id for line in pending[:10])
        raise ValidationError(f"確認していないアカウントがあります（{ids}）。すべて「確認」か「停止」にしてください。")


@transaction.atomic
def stocktake_complete(*, actor, stocktake: AccountStocktake, completed_on: date) -> AccountStocktake:
    """完了: every account confirmed or disabled; the disabled ones are stopped on ``completed_on``."""
    stocktake_require_decided(stocktake)
    for line in stocktake.lines.filter(decision=StocktakeLine.Decision.DISABLE,
                                       account__disabled_on__isnull=True).select_related("account"):
        account_disable(actor=actor, account=line.account, disabled_on=completed_on, reason="棚卸し")
    transition(stocktake, actor=actor, to=AccountStocktake.Status.DONE, allowed=[AccountStocktake.Status.OPEN],
               action="棚卸しの完了", changes={"completed_on": completed_on, "completed_by": actor}, validate=True)
    reminder_resolve(key=reminder_key(stocktake, "complete"))
    return stocktake


# ---- log analyses ------------------------------------------------------------------------------

def log_analysis_due(system: InfoSystem) -> date | None:
    """When the system's next log analysis is due (None: the system has no analysis schedule)."""
    if not system.log_collected:
        return None
    last = system.log_analyses.order_by("-analysed_on").values_list("analysed_on", flat=True).first()
    since = system.in_use_since or timezone.localdate(system.created_at)
    return rules.next_due(system.log_analysis_frequency, last_done=last, since=since)


@transaction.atomic
def log_analysis_record(*, actor, system: InfoSystem, analysed_on: date, analysed_by, scope: str,
                        findings: str = "", irregular: bool = False, incident_number: str = "") -> LogAnalysis:
    if not system.log_collected:
        raise ValidationError("ログを取得していないシステムです。先にシステムの登録内容（ログの取得）を確認してください。")
    return _save(LogAnalysis(system=system, analysed_on=analysed_on, analysed_by=analysed_by, scope=scope.strip(),
                             findings=findings.strip(), irregular=irregular,
                             incident_number=incident_number.strip(), recorded_by=actor), actor,
                 "ログの点検・分析の記録")
