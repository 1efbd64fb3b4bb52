"""Every write of the contract register (companies, contracts, their states) records who changed what.

Two registries let the other parts of the module plug in without editing these functions:

- ``TRANSITION_GUARDS``: per target state, functions ``guard(contract) -> str | None`` that return a
  Japanese reason why the contract may not reach that state yet (None: no objection). The
  checklist (資料2) guards 契約済 here; the filings (services_filings.py) guard 履行中 (an accepted
  管理体制等報告書) and 完了 (a confirmed deletion report) with ``register_transition_guard``.
- ``PORTAL_TASK_PROVIDERS``: functions ``provider(actor, today) -> list[DueItem]`` naming what a
  contractor must do (answer an inspection, file a report …); the portal's task list asks them all
  (``portal_tasks``). Register with ``register_portal_task_provider``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from hogokan.core.dashboard import DueItem
from hogokan.core.history import link_change, with_links
from hogokan.core.services import save_with_history
from hogokan.core.workflow import transition
from hogokan.outsourcing.models import Company, Contract

S = Contract.Status
FIELDS = ("title", "unit", "company", "kind", "period_start", "period_end", "handles_personal_information",
          "persons_handled", "handles_my_number", "subcontracting", "special_spec_attached", "common_spec_attached",
          "renewal_of")
LINKS = {"files": ("個人情報ファイル簿", "name"), "affairs": ("個人情報取扱事務", "name"),
         "contractor_people": ("受託者の担当者", "name")}

# ---- registries -----------------------------------------------------------------------------------

Guard = Callable[[Contract], "str | None"]
TRANSITION_GUARDS: dict[str, list[Guard]] = {state: [] for state in S.values}
PortalTaskProvider = Callable[[object, date], list[DueItem]]
PORTAL_TASK_PROVIDERS: list[PortalTaskProvider] = []


def register_transition_guard(to: str, guard: Guard) -> Guard:
    """Add ``guard`` to the checks before a contract reaches state ``to`` (idempotent)."""
    if to not in TRANSITION_GUARDS:
        raise ValueError(f"unknown contract state {to}")
    if guard not in TRANSITION_GUARDS[to]:
        TRANSITION_GUARDS[to].append(guard)
    return guard


def register_portal_task_provider(provider: PortalTaskProvider) -> PortalTaskProvider:
    if provider not in PORTAL_TASK_PROVIDERS:
        PORTAL_TASK_PROVIDERS.append(provider)
    return provider


def blockers(contract: Contract, to: str) -> list[str]:
    """Why ``contract`` may not reach ``to`` now (Japanese sentences; empty when nothing stands in the way)."""
    return [reason for guard in TRANSITION_GUARDS.get(to, []) if (reason := guard(contract))]


def portal_tasks(actor, today: date) -> list[DueItem]:
    """Everything the contractor ``actor`` has to do, from every provider, earliest due first."""
    items = [item for provider in PORTAL_TASK_PROVIDERS for item in provider(actor, today)]
    return sorted(items, key=lambda item: (item.due is None, item.due or today, item.label))


# ---- companies ------------------------------------------------------------------------------------

@transaction.atomic
def company_save(*, actor, company: Company | None = None, people=None, reason: str = "", **values) -> Company:
    """Create or update a company; ``people`` (contractor persons) replaces its people when given."""
    company = company or Company()
    before = set(company.people.values_list("name", flat=True)) if company.pk else set()
    for name, value in values.items():
        if name not in ("name", "corporate_number", "address", "contact", "email"):
            raise TypeError(f"unknown company field {name}")
        setattr(company, name, value.strip() if isinstance(value, str) else value)
    if people is not None and any(person.kind != "contractor" for person in people):
        raise ValidationError({"people": "受託事業者の従事者には、区分が「受託者の従事者」の人だけを指定できます。"})
    after = {person.name for person in people} if people is not None else before
    reason = reason or ("登録" if company.pk is None else "変更")
    save_with_history(company, actor, with_links(reason, link_change("従事者", before, after)))
    if people is not None:
        company.people.set(people)
    return company


def company_for_name(name: str, *, actor) -> Company:
    """The company called ``name``, registered when there is none (imports, the older callers that named it)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"company": "受託者を指定してください。"})
    company = Company.objects.filter(name=name).first()
    return company or company_save(actor=actor, name=name, reason="委託の登録に伴う登録")


# ---- contracts ------------------------------------------------------------------------------------

def _names(contract: Contract, field: str, attribute: str) -> set[str]:
    return {str(getattr(obj, attribute)) for obj in getattr(contract, field).all()} if contract.pk else set()


@transaction.atomic
def contract_save(*, actor, contract: Contract | None = None, contractor_people=None, files=None, affairs=None,
                  contractor_name: str | None = None, designated_manager: bool | None = None, reason: str = "",
                  **values) -> Contract:
    """Create (``contract`` None) or update a contract; the lists given (people, files, affairs) replace theirs.

    ``contractor_name`` names the company instead of ``company`` (registered when new);
    ``designated_manager=True`` is the kind 指定管理.
    """
    contract = contract or Contract()
    if contractor_name is not None and "company" not in values:
        values["company"] = company_for_name(contractor_name, actor=actor)
    if designated_manager:
        values["kind"] = Contract.Kind.DESIGNATED_MANAGER
    for name, value in values.items():
        if name not in FIELDS:
            raise TypeError(f"unknown contract field {name}")
        setattr(contract, name, value)
    given = {"contractor_people": contractor_people, "files": files, "affairs": affairs}
    changes = []
    for field, items in given.items():
        label, attribute = LINKS[field]
        before = _names(contract, field, attribute)
        after = {str(getattr(obj, attribute)) for obj in items} if items is not None else before
        changes.append(link_change(label, before, after))
    reason = reason or ("登録" if contract.pk is None else "変更")
    save_with_history(contract, actor, with_links(reason, *changes))
    for field, items in given.items():
        if items is not None:
            getattr(contract, field).set(items)
    from hogokan.outsourcing.services_inspections import inspections_sync

    inspections_sync(contract, actor=actor)  # the inspections follow the term and the facts (issue 13 §4)
    return contract


def _check_guards(to: str):
    def check(contract: Contract) -> None:
        reasons = blockers(contract, to)
        if reasons:
            raise ValidationError(reasons)
    return check


# Where a contract may go from each state (forward; 履行終了 → 履行中 undoes an early 終了).
MOVES = {
    S.PRECHECKED: [S.PREPARING],
    S.SIGNED: [S.PRECHECKED],
    S.PERFORMING: [S.SIGNED, S.PERFORMED],
    S.PERFORMED: [S.PERFORMING],
    S.COMPLETED: [S.PERFORMED],
}
ACTIONS = {S.PRECHECKED: "契約前確認済", S.SIGNED: "契約締結", S.PERFORMING: "履行開始", S.PERFORMED: "履行終了",
           S.COMPLETED: "完了（削除・返却確認）"}


@transaction.atomic
def contract_move(*, actor, contract: Contract, to: str, reason: str = "") -> Contract:
    """Move ``contract`` to state ``to`` when every guard of that state agrees (else a Japanese refusal)."""
    if to not in MOVES:
        raise ValidationError({"status": "この状態には変更できません。"})
    moved = transition(contract, actor=actor, to=to, allowed=MOVES[to], action=ACTIONS[to], reason=reason,
                       check=_check_guards(to), error_field="status",
                       refused=f"この委託は『{{state}}』のため、『{S(to).label}』にはできません。")
    for hook in AFTER_MOVE:
        hook(moved, to)
    return moved


# Functions called after a contract changed state (the inspections' schedule follows the term and state).
AFTER_MOVE: list[Callable[[Contract, str], None]] = []


def next_states(contract: Contract) -> list[str]:
    """The states the contract may be moved to from where it is (for the page's buttons)."""
    return [to for to, sources in MOVES.items() if contract.status in sources]


# ---- the guards of this part: the checklist (資料2) before 契約済 ---------------------------------------

def _precheck_confirmed(contract: Contract) -> str | None:
    sheet = contract.precheck_sheet
    if sheet is None or sheet.status != "confirmed":
        return ("「個人情報の取扱いの委託に係るチェックリスト」（資料2）が確認されていないため、契約済にできません。"
                "所管課が記入して提出し、審査担当課の確認を受けてください。")
    return None


def _special_spec_attached(contract: Contract) -> str | None:
    if contract.handles_personal_information and not contract.special_spec_attached:
        return "個人情報を取り扱う委託は、「個人情報の取扱いに関する特記仕様書」を契約書に添付してください。"
    return None


register_transition_guard(S.PRECHECKED, _precheck_confirmed)
register_transition_guard(S.SIGNED, _precheck_confirmed)
register_transition_guard(S.SIGNED, _special_spec_attached)


def review_unit_code() -> str:
    """The unit that confirms the 資料2 checklists (setting; blank: the privacy office, i.e. the chief's role)."""
    return getattr(settings, "HOGOKAN_CONTRACT_REVIEW_UNIT", "")
