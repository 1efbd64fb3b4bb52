"""The role × URL matrix, declared: for every URL pattern, method and role, what the answer is.

tests/test_role_matrix.py walks every URL pattern of the resolver and asks this table; a pattern
without a row fails the test with its name, so a module added later is covered by construction.

An outcome is one of
  OK            2xx, a redirect to anything but the login page, or a 400 (the permission check passed and
                the empty form or body did not validate)
  FORBIDDEN     403;  NOT_FOUND 404;  UNAUTHORIZED 401 (the API without a token)
  LOGIN         a redirect to the login page (anonymous on pages)
  SECOND_FACTOR a redirect to the second-factor pages (only where a signed-in session is sent there)
For a URL that names a record, ``"own/other"``: the outcome for a record of the role's own unit (or,
for the contractor, of its own contract) and for one of another unit (another company's contract);
``OWN_ONLY`` = allowed on its own, 404 on another's; ``READS_OWN`` = sees its own but may not do
this (403), another's 404. A single outcome applies to both.

Rows are ``page(...)`` (anonymous → LOGIN), ``api(...)`` (anonymous → 401) or ``public(...)``
(anonymous → OK) of a role map, either one map for every method the view answers or one per method
(``page(GET=..., POST=...)``). Role maps are a module's default (``STAFF``, ``READERS`` …) with its
exceptions spelled out.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from tests.conftest import ROLES  # the town's people: admin, chief, manager, officer, officer2, staff …

ANONYMOUS = "anonymous"

OK, LOGIN, SECOND_FACTOR = "ok", "login", "second factor"
FORBIDDEN, NOT_FOUND, UNAUTHORIZED = "403", "404", "401"
OWN_ONLY = f"{OK}/{NOT_FOUND}"
READS_OWN = f"{FORBIDDEN}/{NOT_FOUND}"
OWN, OTHER = "own", "other"  # the record of a case

# The unit whose record is the role's own, and another unit's (the other company's contract for the
# contractor). Body-wide roles are given one far from their own assignment.
UNITS = {
    "admin": ("citizens", "schools"), "chief": ("citizens", "schools"), "manager": ("citizens", "schools"),
    "officer": ("citizens", "pension"), "officer2": ("pension", "citizens"), "staff": ("citizens", "pension"),
    "auditor": ("citizens", "schools"), "contractor": ("citizens", "pension"), "outsider": ("schools", "citizens"),
    ANONYMOUS: ("citizens", "pension"),
}


@dataclass(frozen=True)
class Fixed:
    """A parameter that is not a record: the same value for every case."""

    value: object


# (URL name prefix, parameter) → the record of the unit it names (an attribute of the world's bundle),
# or a fixed value. The longest matching prefix wins.
PARAMETERS = {
    ("site:notification_read", "pk"): "notification",
    ("accounts:token_revoke", "pk"): "token",
    ("org:unit_", "pk"): "unit",
    ("org:person_", "pk"): "person",
    ("org:assignment_create", "pk"): "person",
    ("org:assignment_end", "pk"): "assignment",
    ("org:import_template", "kind"): Fixed("people"),
    ("inspections:response", "pk"): "response",
    ("inspections:action_complete", "pk"): "action",
    ("inspections:section_item_retire", "pk"): "section_item",
    ("inspections:quarter", "unit_pk"): "unit",
    ("inspections:quarter", "fiscal_year"): Fixed(2026),
    ("inspections:quarter", "quarter"): Fixed(3),
    ("inspections:results_campaign", "pk"): "campaign",
    ("inspections:results_year", "fiscal_year"): Fixed(2026),
    ("inspections:campaign_", "pk"): "campaign",
    ("inspections:template_", "pk"): "template",
    ("inspections:template_item_", "item_pk"): "template_item",
    ("registers:file_", "pk"): "file",
    ("registers:version_detail", "pk"): "file",
    ("registers:version_detail", "number"): Fixed(1),
    ("registers:affair_", "pk"): "affair",
    ("registers:pia_", "pk"): "pia",
    ("registers:public_detail", "file_id"): "file",
    ("registers:document_", "pk"): "evaluation_document",
    ("registers:evaluation_", "pk"): "evaluation",
    ("registers:council_", "pk"): "council_meeting",
    ("registers:council_item_edit", "pk"): "council_item",
    ("reports:evaluation_paper", "pk"): "evaluation",
    ("outsourcing:contract_", "pk"): "contract",
    ("outsourcing:company_", "pk"): "company",
    ("outsourcing-api:outsourcing-contract-", "pk"): "contract",
    ("outsourcing-api:outsourcing-company-", "pk"): "company",
    ("outsourcing:report_", "pk"): "contractor_report",
    ("outsourcing:subcontract_", "pk"): "subcontract",
    ("outsourcing:deletion_", "pk"): "deletion_report",
    ("outsourcing-api:outsourcing-report-", "pk"): "contractor_report",
    ("outsourcing-api:outsourcing-subcontract-", "pk"): "subcontract",
    ("outsourcing-api:outsourcing-deletion-report-", "pk"): "deletion_report",
    ("outsourcing-api:outsourcing-yearly-count-", "pk"): "yearly_count",
    ("outsourcing:inspection_", "pk"): "contract_inspection",
    ("outsourcing:improvement_", "pk"): "improvement_report",
    ("outsourcing-api:outsourcing-inspection-", "pk"): "contract_inspection",
    ("incidents:near_miss_detail", "pk"): "near_miss",
    ("incidents:", "pk"): "incident",
    ("incidents:measure_edit", "measure_pk"): "measure",
    ("disclosures:", "pk"): "request",
    ("disclosures:decision_add", "pk"): "undecided_request",
    ("disclosures:correction_receive", "correction_pk"): "correction",
    ("disclosures:hearing_edit", "hearing_pk"): "hearing",
    ("disclosures:decision_edit", "decision_pk"): "decision",
    ("disclosures:execution", "decision_pk"): "decision",
    ("disclosures:appeal_edit", "appeal_pk"): "appeal",
    ("purpose_uses:", "pk"): "use",
    ("audits:finding_", "pk"): "finding",
    ("audits:source_", "pk"): "finding_source",
    ("audits:plan_", "pk"): "audit_plan",
    ("audits:visit_", "pk"): "visit",
    ("purpose_uses:step", "step"): Fixed("approve"),
    ("core:attachment_upload", "content_type_id"): "incident_type",
    ("core:attachment_upload", "object_id"): "incident",
    ("core:attachment_download", "pk"): "attachment",
    ("org-api:org-organ-", "pk"): "organ",
    ("org-api:org-unit-", "pk"): "unit",
    ("org-api:org-person-", "pk"): "person",
    ("org-api:org-assignment-", "pk"): "assignment",
    ("inspections-api:inspections-campaign-", "pk"): "campaign",
    ("inspections-api:inspections-response-", "pk"): "response",
    ("registers-api:registers-file-", "pk"): "file",
    ("registers-api:registers-affair-", "pk"): "affair",
    ("registers-api:registers-pia-", "pk"): "pia",
    ("registers-api:registers-document-", "pk"): "evaluation_document",
    ("registers-api:registers-evaluation-", "pk"): "evaluation",
    ("registers-api:registers-council-", "pk"): "council_meeting",
    ("incidents-api:incidents-near-miss-", "pk"): "near_miss",
    ("incidents-api:incidents-incident-", "pk"): "incident",
    ("disclosures-api:disclosures-request-", "pk"): "request",
    ("purpose_uses-api:purpose-use-", "pk"): "use",
    ("training:", "pk"): "course",
    ("training:unit_outstanding", "pk"): "unit",
    ("training:person", "pk"): "person",
    ("training-api:training-course-", "pk"): "course",
    ("scanner:run_detail", "pk"): "scan_run",
    ("scanner:unit", "pk"): "unit",
    ("scanner-api:scan-run-files", "pk"): "scan_run",
    ("audits-api:audits-finding-", "pk"): "finding",
    ("reports:table", "key"): Fixed("incidents"),
    ("reports:ppc_download", "pk"): "incident",
    ("reports-api:ppc-report", "pk"): "incident",
    ("incidents:ppc_draft", "stage"): Fixed("preliminary"),
    ("mynumber:designation_", "pk"): "designation",
    ("mynumber-api:mynumber-designation-", "pk"): "designation",
    ("mynumber:ledger_", "pk"): "ledger_entry",
    ("mynumber-api:mynumber-ledger-", "pk"): "ledger_entry",
    ("assets:system_", "pk"): "system",
    ("assets:account_", "pk"): "system",
    ("assets:account_disable", "account_pk"): "account",
    ("assets:stocktake_start", "pk"): "system",
    ("assets:log_analysis_add", "pk"): "system",
    ("assets:stocktake_detail", "pk"): "stocktake",
    ("assets:review_", "pk"): "access_review",
    ("assets-api:assets-system-", "pk"): "system",
    ("assets-api:assets-access-review-", "pk"): "access_review",
    ("assets:media_", "pk"): "medium",
    ("assets:media_stocktake_", "pk"): "media_stocktake",
    ("assets:takeout_", "pk"): "takeout",
    ("assets-api:assets-medium-", "pk"): "medium",
    ("assets-api:assets-take-out-", "pk"): "takeout",
    ("assets:security_review_", "pk"): "security_review",
    ("assets-api:assets-security-review-", "pk"): "security_review",
}


# ---- rows ----------------------------------------------------------------------------------------------

class Row:
    def __init__(self, every_method: dict | None, by_method: dict, *, anonymous: str, methods=None,
                 admin: bool = False):
        for rules in (every_method, *by_method.values()):
            if rules is not None:
                assert set(rules) == set(ROLES), f"a role map names {sorted(set(rules) ^ set(ROLES))}"
        self.every_method, self.by_method, self.anonymous = every_method, by_method, anonymous
        self.methods, self.admin = methods, admin

    def expected(self, method: str, role: str, relation: str | None) -> str:
        rules = self.by_method.get(method, self.every_method)
        if rules is None:
            raise AssertionError(f"no outcome declared for {method}")
        outcome = self.anonymous if role == ANONYMOUS else rules[role]
        own, _, other = outcome.partition("/")
        if relation is None:
            assert not other, f"{role}: {outcome!r} for a URL that names no record"
            return own
        return other if relation == OTHER and other else own


def roles(default: str, **exceptions: str) -> dict[str, str]:
    assert set(exceptions) <= set(ROLES), sorted(set(exceptions) - set(ROLES))
    return {role: exceptions.get(role, default) for role in ROLES}


def page(every_method=None, /, *, methods=None, **by_method) -> Row:
    return Row(every_method, by_method, anonymous=LOGIN, methods=methods)


def public(every_method=None, /, **by_method) -> Row:
    return Row(every_method, by_method, anonymous=OK)


def api(every_method=None, /, **by_method) -> Row:
    return Row(every_method, by_method, anonymous=UNAUTHORIZED)


def admin_site(every_method=None, /, *, methods=None, **by_method) -> Row:
    return Row(every_method, by_method, anonymous=LOGIN, methods=methods, admin=True)


# ---- role maps: each module's default --------------------------------------------------------------

EVERYONE = roles(OK)                                         # every signed-in role
STAFF = roles(OK, contractor=FORBIDDEN)                      # 職員: every role but the contractor
NOBODY = roles(FORBIDDEN)
ADMIN_ONLY = roles(FORBIDDEN, admin=OK)                      # システム管理者
OFFICE = roles(FORBIDDEN, chief=OK)                          # 総括保護管理者・事務局
OVERSEERS = roles(FORBIDDEN, admin=OK, chief=OK, auditor=OK)  # body-wide statistics
OWN_RECORDS = roles(OWN_ONLY)                                # notifications, tokens: one's own only
# A unit's records: the body-wide roles see all, a manager the department, a section its own.
READERS = roles(OWN_ONLY, admin=OK, chief=OK, auditor=OK, contractor=NOT_FOUND)

# org: the system administrator changes the organisation; everyone on staff reads within scope
ORG_CHANGE = roles(READS_OWN, admin=OK, chief=FORBIDDEN, auditor=FORBIDDEN, contractor=NOT_FOUND)

# inspections: the section answers, the manager above and the chief review, chief and admin manage
ANSWERERS = {**READERS, "admin": FORBIDDEN, "chief": FORBIDDEN, "manager": READS_OWN, "auditor": FORBIDDEN}
REVIEWERS = roles(READS_OWN, admin=FORBIDDEN, chief=OK, manager=OWN_ONLY, auditor=FORBIDDEN,
                  contractor=NOT_FOUND)
CAMPAIGN_MANAGERS = roles(FORBIDDEN, admin=OK, chief=OK)
CAMPAIGN_ACTIONS = roles(READS_OWN, admin=OK, chief=OK, auditor=FORBIDDEN, contractor=NOT_FOUND)
TEMPLATE_READERS = roles(OK, contractor=NOT_FOUND)           # one body-wide template
TEMPLATE_MANAGERS = {**CAMPAIGN_MANAGERS, "contractor": NOT_FOUND}

# registers: the unit's officer and staff and the chief draft; the officer submits; the chief manages
DRAFTERS = roles(OK, admin=FORBIDDEN, manager=FORBIDDEN, auditor=FORBIDDEN, contractor=FORBIDDEN)
REGISTER_EDITORS = {**READERS, "admin": FORBIDDEN, "manager": READS_OWN, "auditor": FORBIDDEN}
REGISTER_OFFICE = roles(READS_OWN, admin=FORBIDDEN, chief=OK, auditor=FORBIDDEN, contractor=NOT_FOUND)

# incidents: the contractor sees its own filings and its contracts' incidents; the auditor and the system
# administrator only read (the office handles incidents, as it handles the requests)
INCIDENT_READERS = {**READERS, "contractor": OWN_ONLY}
INCIDENT_CHANGERS = {**INCIDENT_READERS, "auditor": FORBIDDEN, "admin": FORBIDDEN}
# the PPC report drafts (速報・確報): the office and the incident's unit; anyone else does not learn of them
PPC_DRAFTERS = roles(OWN_ONLY, chief=OK, admin=NOT_FOUND, auditor=NOT_FOUND, contractor=NOT_FOUND)

# disclosures and purpose uses: staff pages; the office runs the steps, the handling unit decides
REQUEST_READERS = {**READERS, "contractor": FORBIDDEN}
REQUEST_OFFICE = roles(READS_OWN, admin=FORBIDDEN, chief=OK, auditor=FORBIDDEN, contractor=FORBIDDEN)
UNIT_DECIDES = {**REQUEST_READERS, "admin": FORBIDDEN, "manager": READS_OWN, "auditor": FORBIDDEN}

# training: the office manages the body-wide courses (the contractor sees none); attendance by the office
# and the section heads
COURSE_OFFICE = roles(FORBIDDEN, chief=OK, contractor=NOT_FOUND)
ATTENDANCE_RECORDERS = roles(FORBIDDEN, chief=OK, officer=OK, officer2=OK)
# audits: staff pages; a section sees the findings naming it and follows them up, the auditor changes only
# the audit records (sources, the findings' text), the office confirms 済み
AUDITORS = roles(FORBIDDEN, chief=OK, auditor=OK)
FINDING_AUDIT = roles(READS_OWN, admin=FORBIDDEN, chief=OK, auditor=OK, contractor=NOT_FOUND)
FINDING_FOLLOW_UP = {**READERS, "admin": FORBIDDEN, "manager": READS_OWN, "auditor": FORBIDDEN}
VISIT_RECORDERS = roles(READS_OWN, admin=FORBIDDEN, chief=OK, auditor=OK, contractor=FORBIDDEN)
# outsourcing: the section's officer and the office change a contract; a contractor reads its own
CONTRACT_CHANGERS = roles(READS_OWN, admin=OK, chief=OK, officer=OWN_ONLY, officer2=OWN_ONLY, auditor=FORBIDDEN)
COMPANY_READERS = roles(OK, contractor=OWN_ONLY)
FINDING_OFFICE = roles(READS_OWN, admin=FORBIDDEN, chief=OK, auditor=FORBIDDEN, contractor=NOT_FOUND)
# reports: the body-wide report and tables for the office and the auditors; the dashboard is every staff member's
REPORT_READERS = roles(FORBIDDEN, chief=OK, auditor=OK)
# mynumber: staff pages; the office and a unit's section head (課長) name and end the 事務取扱担当者
DESIGNATORS = roles(FORBIDDEN, chief=OK, officer=OK, officer2=OK)
DESIGNATION_CHANGERS = roles(READS_OWN, admin=FORBIDDEN, chief=OK, officer=OWN_ONLY, officer2=OWN_ONLY,
                             auditor=FORBIDDEN, contractor=NOT_FOUND)
LEDGER_KEEPERS = roles(FORBIDDEN, chief=OK, officer=OK, officer2=OK, staff=OK, outsider=OK)  # the unit's members
LEDGER_CORRECTORS = roles(OWN_ONLY, admin=FORBIDDEN, chief=OK, manager=READS_OWN, auditor=FORBIDDEN,
                          contractor=NOT_FOUND)
# assets (media, take-outs): the section head registers and disposes of the unit's media (the office too), the
# section's people record the monthly 現物確認; a take-out is requested by anyone working in a section (or a
# contractor on its contract), decided and checked back by the section head or the manager above
MEDIA_READERS = {**READERS, "contractor": FORBIDDEN}
MEDIA_REGISTRARS = roles(FORBIDDEN, chief=OK, officer=OK, officer2=OK)
MEDIA_CHANGERS = roles(READS_OWN, admin=FORBIDDEN, chief=OK, officer=OWN_ONLY, officer2=OWN_ONLY, auditor=FORBIDDEN,
                       contractor=NOT_FOUND)
STOCKTAKE_RECORDERS = roles(OWN_ONLY, admin=FORBIDDEN, chief=FORBIDDEN, manager=READS_OWN, auditor=FORBIDDEN,
                            contractor=FORBIDDEN)
SECTION_PEOPLE = roles(FORBIDDEN, chief=OK, officer=OK, officer2=OK, staff=OK, outsider=OK)
TAKEOUT_READERS = {**READERS, "contractor": OWN_ONLY}
TAKEOUT_DECIDERS = roles(READS_OWN, admin=FORBIDDEN, chief=FORBIDDEN, auditor=FORBIDDEN, officer=OWN_ONLY,
                         officer2=OWN_ONLY, manager=OWN_ONLY)
# the security review of a system: its 所管課 asks, the office reviews (the world's review is 対応中)
REVIEWER_OFFICE = roles(READS_OWN, admin=FORBIDDEN, chief=OK, auditor=FORBIDDEN, contractor=NOT_FOUND)
REVIEW_SHEET = roles(READS_OWN, admin=FORBIDDEN, chief=OK, auditor=FORBIDDEN, contractor=FORBIDDEN)
REVIEW_REQUESTERS = roles(OWN_ONLY, chief=OK, manager=READS_OWN, admin=FORBIDDEN, auditor=FORBIDDEN,
                          contractor=NOT_FOUND)
TAKEOUT_REQUESTERS = roles(READS_OWN, admin=FORBIDDEN, chief=FORBIDDEN, auditor=FORBIDDEN, officer2=OWN_ONLY,
                           outsider=OWN_ONLY, contractor=OWN_ONLY)

# outsourcing filings: the contractor files for its own contracts (others who see them: 403), the section's
# officer and the office review (受理・差戻し・承認・確認)
FILERS = roles(READS_OWN, admin=FORBIDDEN, chief=FORBIDDEN, auditor=FORBIDDEN, contractor=OWN_ONLY)
FILING_REVIEWERS = roles(READS_OWN, admin=FORBIDDEN, chief=OK, auditor=FORBIDDEN, officer=OWN_ONLY,
                         officer2=OWN_ONLY)
FILING_REVIEWERS_API = roles(FORBIDDEN, chief=OK, officer=OWN_ONLY, officer2=OWN_ONLY)  # write_roles first


# assets: staff pages; the 所管課 (officer, staff) and the office change a system, its accounts, stocktakes and
# reviews; the contractor reads the systems of its own contracts; the office confirms a kept admin account
SYSTEM_READERS = {**READERS, "contractor": OWN_ONLY}
SYSTEM_REGISTRARS = roles(FORBIDDEN, chief=OK, officer=OK, officer2=OK, staff=OK, outsider=OK)
SYSTEM_EDITORS = {**READERS, "admin": FORBIDDEN, "manager": READS_OWN, "auditor": FORBIDDEN, "contractor": READS_OWN}
UNIT_TASK_EDITORS = {**SYSTEM_EDITORS, "contractor": NOT_FOUND}
ASSETS_API_WRITERS = roles(FORBIDDEN, chief=OK, officer=OWN_ONLY, officer2=OWN_ONLY, staff=OWN_ONLY,
                           outsider=OWN_ONLY)
REVIEW_CONFIRM = roles(READS_OWN, admin=FORBIDDEN, chief=OK, auditor=FORBIDDEN, contractor=NOT_FOUND)


# ---- the table -------------------------------------------------------------------------------------------

ROWS: dict[str, Row] = {
    # site and accounts: every signed-in role, its own notifications and tokens
    "site:dashboard": page(EVERYONE),
    "site:notifications": page(EVERYONE),
    "site:notifications_read_all": page(EVERYONE),
    "site:notification_read": page(OWN_RECORDS),
    "accounts:login": public(EVERYONE),  # a signed-in user is sent on to the dashboard
    "accounts:logout": page(roles(LOGIN)),  # signing out lands on the login page
    "accounts:otp_setup": page(roles(SECOND_FACTOR)),  # everyone here has a device: on to the code entry
    "accounts:otp_verify": page(EVERYONE),
    "accounts:switch": page(EVERYONE),
    "accounts:settings": page(EVERYONE),
    "accounts:password_change": page(EVERYONE),
    "accounts:token_revoke": page(OWN_RECORDS),
    "accounts:lock_list": page(ADMIN_ONLY),     # ログインのロック: the administrator lifts locks
    "accounts:lock_release": page(ADMIN_ONLY),
    "core:attachment_download": page(INCIDENT_READERS),  # the files of a record its readers see (an incident's)
    "core:attachment_upload": page(INCIDENT_CHANGERS),  # ... and its changers add

    # org: lists and pages for staff within scope, every change by the system administrator
    "org:unit_list": page(STAFF),
    "org:unit_detail": page(READERS),
    "org:unit_create": page(ADMIN_ONLY),
    "org:unit_merge": page(ADMIN_ONLY),
    "org:unit_rename": page(ORG_CHANGE),
    "org:unit_move": page(ORG_CHANGE),
    "org:unit_abolish": page(ORG_CHANGE),
    "org:person_list": page(STAFF),
    "org:person_detail": page(READERS),
    "org:person_create": page(ADMIN_ONLY),
    "org:person_edit": page(ORG_CHANGE),
    "org:assignment_create": page(ORG_CHANGE),
    "org:assignment_end": page(ORG_CHANGE),
    "org:transfers": page(ADMIN_ONLY),
    "org:import": page(ADMIN_ONLY),
    "org:import_commit": page(ADMIN_ONLY),
    "org:import_template_csv": page(ADMIN_ONLY),
    "org:import_template_xlsx": page(ADMIN_ONLY),

    # inspections
    "inspections:home": page(STAFF),
    "inspections:response": page(GET=READERS, POST=ANSWERERS),
    "inspections:response_review": page(REVIEWERS),
    "inspections:action_list": page(STAFF),
    "inspections:action_complete": page(ANSWERERS),
    "inspections:section_items": page(GET={**STAFF, "contractor": NOT_FOUND},  # 個別点検項目: the officer adds
                                      POST=roles(FORBIDDEN, officer=OK, officer2=OK, contractor=NOT_FOUND)),
    "inspections:section_item_retire": page({**ANSWERERS, "staff": READS_OWN, "outsider": READS_OWN}),
    "inspections:quarter": page(READERS),
    "inspections:results": page(STAFF),
    "inspections:results_campaign": page({**READERS, "contractor": FORBIDDEN}),
    "inspections:results_year": page(STAFF),
    "inspections:campaign_list": page(STAFF),
    "inspections:campaign_detail": page(READERS),
    "inspections:campaign_create": page(CAMPAIGN_MANAGERS),
    "inspections:campaign_generate": page(CAMPAIGN_MANAGERS),
    "inspections:campaign_notify": page(CAMPAIGN_ACTIONS),
    "inspections:campaign_close": page(CAMPAIGN_ACTIONS),
    "inspections:template_list": page(STAFF),
    "inspections:template_detail": page(TEMPLATE_READERS),
    "inspections:template_print": page(TEMPLATE_READERS),
    "inspections:template_revise": page(TEMPLATE_MANAGERS),
    "inspections:template_edit": page(TEMPLATE_MANAGERS),
    "inspections:template_publish": page(TEMPLATE_MANAGERS),
    "inspections:template_item_create": page(TEMPLATE_MANAGERS),
    "inspections:template_item_edit": page(TEMPLATE_MANAGERS),
    "inspections:template_item_remove": page(TEMPLATE_MANAGERS),

    # registers (the public register needs no login)
    "registers:file_list": page(STAFF),
    "registers:file_create": page(DRAFTERS),
    "registers:file_detail": page(READERS),
    "registers:file_edit": page(REGISTER_EDITORS),
    "registers:file_submit": page({**REGISTER_EDITORS, "staff": READS_OWN, "outsider": READS_OWN}),  # the officer
    "registers:file_return": page(REGISTER_OFFICE),
    "registers:file_approve": page(REGISTER_OFFICE),
    "registers:file_publish": page(REGISTER_OFFICE),
    "registers:file_retire": page(REGISTER_OFFICE),
    "registers:version_detail": page(READERS),
    "registers:affair_list": page(STAFF),
    "registers:affair_start": page(DRAFTERS),
    "registers:affair_detail": page(READERS),
    "registers:affair_change": page(REGISTER_EDITORS),
    "registers:affair_end": page(REGISTER_EDITORS),
    "registers:counts": page(STAFF),
    "registers:pia_list": page(STAFF),
    "registers:pia_create": page(DRAFTERS),
    "registers:pia_detail": page(READERS),
    "registers:pia_edit": page(REGISTER_EDITORS),
    "registers:pia_review": page(REGISTER_EDITORS),
    "registers:pia_change": page(REGISTER_EDITORS),
    "registers:pia_reevaluate": page(REGISTER_EDITORS),
    "registers:import": page(OFFICE),
    "registers:import_commit": page(OFFICE),
    "registers:import_template": page(STAFF),
    "registers:export": page(STAFF),  # the workbook holds the actor's scope only
    "registers:public_list": public(EVERYONE),
    "registers:public_detail": public(EVERYONE),  # a published file, whoever's unit
    "registers:public_affairs": public(EVERYONE),  # the 取扱事務 the office chose to publish (issue 22 §5)
    "registers:affair_publication": page(REGISTER_OFFICE),  # the office decides what is published
    # 評価書 (published documents: every member of staff reads them; the PIA's unit and the chief change them),
    # evaluation rounds (the 業務所管課's, as the PIAs), the 審議会 register (staff read it, the office keeps it)
    "registers:pia_document_create": page(REGISTER_EDITORS),
    "registers:document_detail": page(roles(OK, contractor=NOT_FOUND)),
    "registers:document_edit": page(roles(f"{OK}/{FORBIDDEN}", admin=FORBIDDEN, manager=FORBIDDEN, auditor=FORBIDDEN,
                                          chief=OK, contractor=NOT_FOUND)),
    "registers:evaluation_list": page(STAFF),
    "registers:evaluation_create": page(DRAFTERS),
    "registers:evaluation_detail": page(READERS),
    "registers:evaluation_edit": page(REGISTER_EDITORS),
    "registers:evaluation_publish": page(REGISTER_EDITORS),
    "registers:council_list": page(STAFF),
    "registers:council_create": page(OFFICE),
    "registers:council_detail": page(roles(OK, contractor=NOT_FOUND)),
    "registers:council_edit": page(roles(FORBIDDEN, chief=OK, contractor=NOT_FOUND)),
    "registers:council_item_create": page(roles(FORBIDDEN, chief=OK, contractor=NOT_FOUND)),
    "registers:council_item_edit": page(roles(FORBIDDEN, chief=OK, contractor=NOT_FOUND)),

    # outsourcing: everyone (the contractor its own contracts); the section head, the office, admin register
    "outsourcing:contract_list": page(EVERYONE),
    "outsourcing:contract_create": page({**CAMPAIGN_MANAGERS, "officer": OK, "officer2": OK}),
    "outsourcing:contract_detail": page(INCIDENT_READERS),
    "outsourcing:contract_edit": page(CONTRACT_CHANGERS),
    "outsourcing:contract_move": page(CONTRACT_CHANGERS),
    # 資料2: the section answers, the reviewing unit (here the office) confirms; never the contractor
    "outsourcing:contract_precheck": page(GET=roles(OWN_ONLY, admin=OK, chief=OK, auditor=OK, contractor=READS_OWN),
                                          POST=CONTRACT_CHANGERS),
    "outsourcing:contract_precheck_review": page(roles(READS_OWN, chief=OK, admin=FORBIDDEN, auditor=FORBIDDEN)),
    # companies: staff read every one (the contractor its own); the section heads, the office and admin keep them
    "outsourcing:company_list": page(EVERYONE),
    "outsourcing:company_create": page({**CAMPAIGN_MANAGERS, "officer": OK, "officer2": OK}),
    "outsourcing:company_detail": page(COMPANY_READERS),
    "outsourcing:company_edit": page(roles(FORBIDDEN, admin=OK, chief=OK, officer=OK, officer2=OK,
                                           contractor=READS_OWN)),
    "outsourcing:portal": page(roles(FORBIDDEN, contractor=OK)),  # 受託者ポータル: the contractor's own page
    "outsourcing:contract_filings": page(INCIDENT_READERS),
    "outsourcing:contract_report_create": page(FILERS),
    "outsourcing:contract_subcontract_apply": page(FILERS),
    "outsourcing:contract_deletion_create": page(FILERS),
    "outsourcing:contract_counts": page(FILERS),
    "outsourcing:report_detail": page(INCIDENT_READERS),
    "outsourcing:report_edit": page(FILERS),
    "outsourcing:report_accept": page(FILING_REVIEWERS),
    "outsourcing:report_return": page(FILING_REVIEWERS),
    "outsourcing:subcontract_detail": page(INCIDENT_READERS),
    "outsourcing:subcontract_decide": page(FILING_REVIEWERS),
    # the world's sub-contracts name no sub-contractor people: the contractor itself may not file for them
    "outsourcing:subcontract_report_create": page({**FILERS, "contractor": READS_OWN}),
    "outsourcing:deletion_detail": page(INCIDENT_READERS),
    "outsourcing:deletion_edit": page(FILERS),
    "outsourcing:deletion_confirm": page(FILING_REVIEWERS),
    "outsourcing:deletion_return": page(FILING_REVIEWERS),
    "outsourcing:deletion_overdue": page(STAFF),
    # inspections (the world's document inspection is 回答待ち: the contractor answers, nobody records it now)
    "outsourcing:inspection_list": page(STAFF),
    "outsourcing:inspection_detail": page(INCIDENT_READERS),
    "outsourcing:inspection_request": page(FILING_REVIEWERS),
    "outsourcing:inspection_answer": page(FILERS),
    "outsourcing:inspection_record": page(roles(READS_OWN, admin=FORBIDDEN, chief=FORBIDDEN, auditor=FORBIDDEN)),
    "outsourcing:inspection_complete": page(FILING_REVIEWERS),
    "outsourcing:inspection_return": page(FILING_REVIEWERS),
    "outsourcing:inspection_notice": page(INCIDENT_READERS),
    "outsourcing:contract_inspection_add": page(FILING_REVIEWERS),
    "outsourcing:improvement_detail": page(INCIDENT_READERS),
    "outsourcing:improvement_edit": page(FILERS),
    "outsourcing:improvement_accept": page(FILING_REVIEWERS),
    "outsourcing:improvement_return": page(FILING_REVIEWERS),

    # incidents: any role reports (not the auditor), near misses are shared among staff
    "incidents:home": page(EVERYONE),
    "incidents:list": page(EVERYONE),
    "incidents:new": page({**EVERYONE, "auditor": FORBIDDEN}),
    "incidents:search": page(EVERYONE),  # the contractor finds its own incidents and no near miss
    "incidents:statistics": page(STAFF),
    "incidents:ppc_list": page(STAFF),
    "incidents:followup": page(STAFF),
    "incidents:near_miss_list": page(STAFF),
    "incidents:near_miss_new": page({**STAFF, "auditor": FORBIDDEN}),
    "incidents:near_miss_detail": page({**EVERYONE, "contractor": NOT_FOUND}),
    "incidents:detail": page(INCIDENT_READERS),
    "incidents:summary": page(INCIDENT_READERS),
    "incidents:edit": page(INCIDENT_CHANGERS),  # the contractor: its own first report while 受付
    # the notice to individuals and the workflow state are the city's: a contractor reports, it does not decide
    "incidents:notice": page({**INCIDENT_CHANGERS, "contractor": READS_OWN}),
    "incidents:status": page({**INCIDENT_CHANGERS, "contractor": READS_OWN}),
    "incidents:timeline_add": page(INCIDENT_CHANGERS),
    "incidents:reports": page(roles(READS_OWN, admin=FORBIDDEN, chief=OK, auditor=FORBIDDEN)),  # PPC dates: the office
    "incidents:ppc_draft": page(PPC_DRAFTERS),
    "incidents:measure_add": page({**INCIDENT_CHANGERS, "contractor": READS_OWN}),
    "incidents:measure_edit": page({**INCIDENT_CHANGERS, "contractor": READS_OWN}),

    # disclosures: staff pages; the office receives and runs the steps, the handling unit decides
    "disclosures:list": page(STAFF),
    "disclosures:create": page(OFFICE),
    "disclosures:stats": page(OVERSEERS),
    "disclosures:detail": page(REQUEST_READERS),
    "disclosures:edit": page({**REQUEST_OFFICE, "contractor": NOT_FOUND}),
    "disclosures:correction_add": page(REQUEST_OFFICE),
    "disclosures:correction_receive": page(REQUEST_OFFICE),
    "disclosures:extend": page(REQUEST_OFFICE),
    "disclosures:special": page(REQUEST_OFFICE),
    "disclosures:hearing_add": page(REQUEST_OFFICE),
    "disclosures:hearing_edit": page(REQUEST_OFFICE),
    "disclosures:decision_add": page(UNIT_DECIDES),
    "disclosures:decision_edit": page(UNIT_DECIDES),
    "disclosures:execution": page(UNIT_DECIDES),
    "disclosures:withdraw": page(REQUEST_OFFICE),
    "disclosures:appeal_add": page(REQUEST_OFFICE),
    "disclosures:appeal_edit": page(REQUEST_OFFICE),

    # purpose uses: the unit drafts, the office approves (step "approve")
    "purpose_uses:list": page(STAFF),
    "purpose_uses:create": page(DRAFTERS),
    "purpose_uses:stats": page(OVERSEERS),
    "purpose_uses:detail": page(REQUEST_READERS),
    "purpose_uses:edit": page(UNIT_DECIDES),
    "purpose_uses:step": page(REQUEST_OFFICE),

    # training: courses are body-wide (staff read them, the office manages them); the office and a section
    # head record attendance; the section head reports passing the content on; everyone sees their own
    # assets: the systems register, accounts, access reviews, stocktakes, log analyses (the 所管課 and the office)
    "assets:system_list": page(STAFF),
    "assets:system_create": page(SYSTEM_REGISTRARS),
    "assets:system_detail": page(SYSTEM_READERS),
    "assets:system_edit": page(SYSTEM_EDITORS),
    "assets:account_add": page(SYSTEM_EDITORS),
    "assets:account_disable": page(SYSTEM_EDITORS),
    "assets:account_import": page(SYSTEM_EDITORS),
    "assets:account_import_commit": page(SYSTEM_EDITORS),
    "assets:stocktake_start": page(SYSTEM_EDITORS),
    "assets:log_analysis_add": page(SYSTEM_EDITORS),
    "assets:stocktake_detail": page(GET=READERS, POST=UNIT_TASK_EDITORS),
    "assets:review_list": page(STAFF),
    "assets:review_detail": page(GET=READERS, POST=UNIT_TASK_EDITORS),
    "assets:review_confirm": page(REVIEW_CONFIRM),
    "assets:schedules": page(STAFF),
    "assets:survey": page(STAFF),
    "org:leave_list": page(GET=STAFF, POST=roles(FORBIDDEN, admin=OK, chief=OK)),  # 休職・休業 (the personnel office)
    "org:leave_import": page(roles(FORBIDDEN, admin=OK, chief=OK)),
    "org:leave_import_commit": page(roles(FORBIDDEN, admin=OK, chief=OK)),
    "training:course_list": page(STAFF),
    "training:course_create": page(OFFICE),
    "training:course_detail": page(STAFF),
    "training:course_edit": page(COURSE_OFFICE),
    "training:session_add": page(COURSE_OFFICE),
    "training:import": page(COURSE_OFFICE),
    "training:import_commit": page(COURSE_OFFICE),
    "training:remind": page(COURSE_OFFICE),
    "training:attendance_add": page(ATTENDANCE_RECORDERS),
    "training:outstanding": page(STAFF),
    "training:transmission": page(roles(FORBIDDEN, officer=OK, officer2=OK)),
    "training:unit_outstanding": page({**READERS, "contractor": FORBIDDEN}),
    "training:rates": page(STAFF),
    "training:mine": page(EVERYONE),
    "training:person": page({**READERS, "contractor": FORBIDDEN}),
    # scanner: staff pages; a section sees its own units' files, the body-wide roles all; the office maps folders
    "scanner:home": page(STAFF),
    "scanner:check": page(STAFF),
    "scanner:check_log": page(STAFF),
    "scanner:rules": page(GET=STAFF, POST=OFFICE),
    "scanner:run_detail": page({**READERS, "contractor": FORBIDDEN}),
    "scanner:unit": page({**READERS, "contractor": FORBIDDEN}),
    # mynumber (番号法の事務): 事務取扱担当者 of each unit and the units without one
    "mynumber:home": page(STAFF),
    "mynumber:designation_list": page(STAFF),
    "mynumber:designation_create": page(DESIGNATORS),
    "mynumber:designation_detail": page({**READERS, "contractor": FORBIDDEN}),
    "mynumber:designation_end": page(DESIGNATION_CHANGERS),
    "mynumber:gaps": page(STAFF),
    "mynumber:ledger_list": page(STAFF),
    "mynumber:ledger_create": page(LEDGER_KEEPERS),
    "mynumber:ledger_detail": page({**READERS, "contractor": FORBIDDEN}),
    "mynumber:ledger_correct": page(LEDGER_CORRECTORS),
    # audits (findings and their follow-up)
    "audits:home": page(STAFF),
    "audits:status": page(STAFF),
    "audits:finding_list": page(STAFF),
    "audits:finding_create": page(AUDITORS),
    "audits:overview": page(STAFF),
    "audits:import": page(AUDITORS),
    "audits:import_commit": page(AUDITORS),
    "audits:import_template": page(STAFF),
    "audits:finding_detail": page(READERS),
    "audits:finding_edit": page(FINDING_AUDIT),
    "audits:finding_progress": page(FINDING_FOLLOW_UP),
    "audits:finding_report": page(FINDING_FOLLOW_UP),
    "audits:finding_confirm": page(FINDING_OFFICE),
    "audits:finding_return": page(FINDING_OFFICE),
    "audits:source_list": page(STAFF),
    "audits:source_create": page(AUDITORS),
    "audits:source_detail": page(STAFF),  # every source; its table shows the findings the reader may see
    "audits:source_edit": page(roles(FORBIDDEN, chief=OK, auditor=OK, contractor=NOT_FOUND)),
    "audits:source_print": page(STAFF),
    "audits:plan_list": page(STAFF),
    "audits:plan_create": page(AUDITORS),
    "audits:plan_detail": page(STAFF),  # plans are no secret among staff
    "audits:plan_edit": page(roles(FORBIDDEN, chief=OK, auditor=OK, contractor=NOT_FOUND)),
    "audits:visit_list": page(STAFF),
    "audits:visit_propose": page(OFFICE),  # the office makes and edits the year's list
    "audits:visit_add": page(OFFICE),
    "audits:visit_results": page(STAFF),
    "audits:visit_detail": page({**READERS, "contractor": FORBIDDEN}),
    "audits:visit_record": page(VISIT_RECORDERS),
    "audits:visit_finding": page(VISIT_RECORDERS),
    "audits:visit_practice": page(VISIT_RECORDERS),
    "audits:visit_cancel": page(VISIT_RECORDERS),
    # reports
    "reports:dashboard": page(STAFF),
    "reports:annual": page(REPORT_READERS),
    "reports:council": page(REPORT_READERS),
    "reports:catalogue": page(REPORT_READERS),
    "reports:table": page(REPORT_READERS),
    "reports:ppc_download": page(PPC_DRAFTERS),
    "reports:evaluation_paper": page(READERS),  # the 諮問 paper: whoever sees the evaluation round  # the incident page's Word / PDF of the 速報・確報 drafts

    # the API: lists answer every role (narrowed to its scope), records 404 outside it, writes by write_roles
    "api_schema": api(EVERYONE),
    "api_docs": api(EVERYONE),
    "org-api:org-organ-list": api(EVERYONE),
    "org-api:org-organ-detail": api({**EVERYONE, "manager": OWN_ONLY, "outsider": OWN_ONLY,  # via its units
                                     "contractor": NOT_FOUND}),
    "org-api:org-unit-list": api(GET=EVERYONE, POST=ADMIN_ONLY),
    "org-api:org-unit-detail": api(READERS),
    "org-api:org-unit-move": api(ADMIN_ONLY),
    "org-api:org-unit-rename": api(ADMIN_ONLY),
    "org-api:org-person-list": api(GET=EVERYONE, POST=ADMIN_ONLY),
    "org-api:org-person-detail": api(GET=READERS, PATCH=ADMIN_ONLY),
    "org-api:org-assignment-list": api(GET=EVERYONE, POST=ADMIN_ONLY),
    "org-api:org-assignment-detail": api(READERS),
    "org-api:org-assignment-end": api(ADMIN_ONLY),
    "assets-api:assets-system-list": api(GET=EVERYONE, POST=SYSTEM_REGISTRARS),
    "assets-api:assets-system-detail": api(SYSTEM_READERS),
    "assets-api:assets-system-accounts": api(ASSETS_API_WRITERS),
    "assets-api:assets-access-review-list": api(EVERYONE),
    "assets-api:assets-access-review-detail": api(READERS),
    "assets-api:assets-access-review-resolve": api(ASSETS_API_WRITERS),
    "inspections-api:aggregate": api(STAFF),
    "inspections-api:inspections-campaign-list": api(EVERYONE),
    "inspections-api:inspections-campaign-detail": api(READERS),
    "inspections-api:inspections-response-list": api(EVERYONE),
    "inspections-api:inspections-response-detail": api(READERS),
    "inspections-api:inspections-response-submit": api(roles(FORBIDDEN, officer=OWN_ONLY, officer2=OWN_ONLY)),
    "registers-api:pia-level": api(EVERYONE),  # a calculator: nothing is written
    "registers-api:registers-file-list": api(EVERYONE),
    "registers-api:registers-file-detail": api(READERS),
    "registers-api:registers-affair-list": api(EVERYONE),
    "registers-api:registers-affair-detail": api(READERS),
    "registers-api:registers-pia-list": api(EVERYONE),
    "registers-api:registers-pia-detail": api(READERS),
    "registers-api:registers-document-list": api(EVERYONE),  # a contractor's list is empty
    "registers-api:registers-document-detail": api(roles(OK, contractor=NOT_FOUND)),  # published documents
    "registers-api:registers-evaluation-list": api(EVERYONE),
    "registers-api:registers-evaluation-detail": api(READERS),
    "registers-api:registers-council-list": api(EVERYONE),
    "registers-api:registers-council-detail": api(roles(OK, contractor=NOT_FOUND)),
    "incidents-api:breach-report": api(EVERYONE),
    "incidents-api:data-items": api(EVERYONE),
    "incidents-api:incidents-incident-list": api(GET=EVERYONE, POST={**EVERYONE, "auditor": FORBIDDEN}),
    "incidents-api:incidents-incident-detail": api(GET=INCIDENT_READERS, PATCH=INCIDENT_CHANGERS),
    "incidents-api:incidents-near-miss-list": api(GET=EVERYONE, POST={**STAFF, "auditor": FORBIDDEN}),
    "incidents-api:incidents-near-miss-detail": api({**EVERYONE, "contractor": NOT_FOUND}),
    "disclosures-api:request-deadline": api(EVERYONE),
    "disclosures-api:disclosures-request-list": api(EVERYONE),
    "disclosures-api:disclosures-request-detail": api(READERS),
    "purpose_uses-api:purpose-use-list": api(EVERYONE),
    "purpose_uses-api:purpose-use-detail": api(READERS),
    # assets: removable media and their 現物確認, take-outs
    "assets:media_list": page(STAFF),
    "assets:media_create": page(MEDIA_REGISTRARS),
    "assets:media_detail": page(MEDIA_READERS),
    "assets:media_edit": page(MEDIA_CHANGERS),
    "assets:media_dispose": page(MEDIA_CHANGERS),
    "assets:media_stocktake_list": page(STAFF),
    "assets:media_stocktake_start": page(SECTION_PEOPLE),  # the office opens the month for every section
    "assets:media_stocktake_detail": page(GET=MEDIA_READERS, POST=STOCKTAKE_RECORDERS),
    "assets:takeout_list": page(EVERYONE),
    "assets:takeout_create": page(roles(OK, admin=FORBIDDEN, auditor=FORBIDDEN)),
    "assets:takeout_statistics": page(STAFF),
    "assets:takeout_detail": page(TAKEOUT_READERS),
    "assets:takeout_decide": page(TAKEOUT_DECIDERS),
    "assets:takeout_return": page(TAKEOUT_DECIDERS),
    "assets:takeout_withdraw": page(TAKEOUT_REQUESTERS),
    "assets:security_review_list": page(STAFF),
    "assets:security_review_create": page(SECTION_PEOPLE),
    "assets:security_review_table": page(STAFF),
    "assets:security_review_detail": page(GET=MEDIA_READERS, POST=REVIEW_SHEET),  # POST: the reviewer's sheet
    "assets:security_review_start": page(REVIEWER_OFFICE),
    "assets:security_review_notify": page(REVIEWER_OFFICE),
    "assets:security_review_withdraw": page(REVIEW_REQUESTERS),
    "assets-api:assets-medium-list": api(GET=EVERYONE, POST=MEDIA_REGISTRARS),
    "assets-api:assets-medium-detail": api(READERS),
    "assets-api:assets-take-out-list": api(GET=EVERYONE, POST=roles(OK, admin=FORBIDDEN, auditor=FORBIDDEN)),
    "assets-api:assets-take-out-detail": api(TAKEOUT_READERS),
    "assets-api:assets-take-out-decide": api(TAKEOUT_DECIDERS),
    "assets-api:assets-take-out-return": api(TAKEOUT_DECIDERS),
    "assets-api:assets-security-review-list": api(GET=EVERYONE, POST=SECTION_PEOPLE),
    "assets-api:assets-security-review-detail": api(READERS),
    "training-api:training-course-list": api(GET=EVERYONE, POST=OFFICE),
    "scanner-api:scan": api(STAFF),  # the pre-send check: every staff member (an empty body is a 400)
    "scanner-api:scan-runs": api(roles(FORBIDDEN, admin=OK, chief=OK)),  # the agent's service account
    "scanner-api:scan-run-files": api(roles(FORBIDDEN, chief=OK, admin=NOT_FOUND)),  # only the run's sender
    "training-api:training-course-detail": api(roles(OK, contractor=NOT_FOUND)),
    "training-api:training-course-attendances": api(ATTENDANCE_RECORDERS),
    "training-api:training-course-outstanding": api(roles(OK, contractor=NOT_FOUND)),
    "outsourcing-api:contractor-inspections": api(EVERYONE),  # a calculator: nothing is written
    "outsourcing-api:outsourcing-contract-list": api(EVERYONE),
    "outsourcing-api:outsourcing-contract-detail": api(INCIDENT_READERS),
    "outsourcing-api:outsourcing-company-list": api(EVERYONE),
    "outsourcing-api:outsourcing-company-detail": api(COMPANY_READERS),
    "outsourcing-api:outsourcing-report-list": api(EVERYONE),
    "outsourcing-api:outsourcing-report-detail": api(INCIDENT_READERS),
    "outsourcing-api:outsourcing-report-accept": api(FILING_REVIEWERS_API),
    "outsourcing-api:outsourcing-report-return": api(FILING_REVIEWERS_API),
    "outsourcing-api:outsourcing-subcontract-list": api(EVERYONE),
    "outsourcing-api:outsourcing-subcontract-detail": api(INCIDENT_READERS),
    "outsourcing-api:outsourcing-deletion-report-list": api(EVERYONE),
    "outsourcing-api:outsourcing-deletion-report-detail": api(INCIDENT_READERS),
    "outsourcing-api:outsourcing-deletion-report-confirm": api(FILING_REVIEWERS_API),
    "outsourcing-api:outsourcing-yearly-count-list": api(GET=EVERYONE, POST=roles(FORBIDDEN, contractor=OK)),
    "outsourcing-api:outsourcing-yearly-count-detail": api(INCIDENT_READERS),
    "outsourcing-api:outsourcing-inspection-list": api(EVERYONE),
    "outsourcing-api:outsourcing-inspection-detail": api(INCIDENT_READERS),
    "mynumber-api:gaps": api(EVERYONE),  # narrowed to the actor's units (the contractor: none)
    "mynumber-api:mynumber-designation-list": api(GET=EVERYONE, POST=DESIGNATORS),
    "mynumber-api:mynumber-designation-detail": api(READERS),
    "mynumber-api:mynumber-ledger-list": api(GET=EVERYONE, POST=LEDGER_KEEPERS),
    "mynumber-api:mynumber-ledger-detail": api(READERS),
    "mynumber-api:mynumber-designation-end": api(roles(FORBIDDEN, chief=OK, officer=OWN_ONLY, officer2=OWN_ONLY)),
    "audits-api:audits-finding-list": api(GET=EVERYONE, POST=AUDITORS),
    "audits-api:audits-finding-detail": api(READERS),
    "audits-api:audits-finding-progress": api(roles(FORBIDDEN, chief=OK, officer=OWN_ONLY, officer2=OWN_ONLY,
                                                    staff=OWN_ONLY, outsider=OWN_ONLY)),  # write_roles first
    "reports-api:annual": api(REPORT_READERS),
    "reports-api:ppc-report": api(PPC_DRAFTERS),  # GET /api/v1/incidents/{id}/ppc-report (issue 22 §4)

    # The Django admin: one gate (site.admin_site) in front of every model registered there, now or later,
    # so its rows are patterns (the only ones the table allows). Records with legal weight are never deleted.
    "admin:*": admin_site(ADMIN_ONLY),
    "django-admin/*": admin_site(ADMIN_ONLY),
    "admin:org_*_delete": admin_site(NOBODY),
    "admin:outsourcing_contract_delete": admin_site(NOBODY),
    "admin:outsourcing_company_delete": admin_site(NOBODY),
    "admin:core_attachment_delete": admin_site(NOBODY),
    "admin:incidents_dataitem_delete": admin_site(NOBODY),
    "admin:accounts_apitoken_add": admin_site(NOBODY),  # tokens are issued on the settings page
    "admin:accounts_apitoken_delete": admin_site(NOBODY),  # revoked, never deleted (core.admin.HistoryAdmin)
    "admin:axes_*_add": admin_site(NOBODY),  # lock-out records are written by django-axes only
    "admin:login": admin_site(NOBODY),  # replaced: anonymous → our login, signed in → 403
    "admin:logout": admin_site(roles(FORBIDDEN, admin=LOGIN), methods=("POST",)),
    "admin:jsi18n": admin_site(ADMIN_ONLY, methods=("GET",)),
    "admin:password_change_done": admin_site(ADMIN_ONLY, methods=("GET",)),
    "admin:autocomplete": admin_site(NOBODY, methods=("GET",)),  # refused without its parameters
    "admin:view_on_site": admin_site(roles(FORBIDDEN, admin=NOT_FOUND)),  # no record has a public URL
    "admin:incidents_dataitem_simple_history": admin_site(roles(FORBIDDEN, admin=NOT_FOUND)),  # loaded in bulk
    "django-admin/(?P<url>.*)$": admin_site(roles(FORBIDDEN, admin=NOT_FOUND)),  # the catch-all
}

ADMIN_PREFIXES = ("admin:", "django-admin/")


def row_for(route) -> Row:
    """The route's row; a pattern row only for the Django admin. No row: the test fails naming the URL."""
    if route.key in ROWS:
        return ROWS[route.key]
    patterns = [key for key in ROWS if "*" in key and key.startswith(ADMIN_PREFIXES)
                and fnmatch.fnmatchcase(route.key, key)]
    if patterns:
        return ROWS[max(patterns, key=len)]
    raise AssertionError(
        f"{route.key} ({route.path}, {'/'.join(route.methods)}) has no row in tests/role_matrix.py: "
        "declare what every role gets there")


def parameter(key: str, name: str):
    matches = [(prefix, value) for (prefix, wanted), value in PARAMETERS.items()
               if wanted == name and key.startswith(prefix)]
    if not matches:
        raise AssertionError(f"{key}: declare in tests/role_matrix.py PARAMETERS which record {name!r} names")
    return max(matches, key=lambda match: len(match[0]))[1]


def takes_record(route) -> bool:
    """True when the case runs twice: with the role's own record and with another's."""
    if row_for(route).admin:
        return False
    return any(not isinstance(parameter(route.key, name), Fixed) for name in route.parameters)


def methods(route) -> tuple[str, ...]:
    return row_for(route).methods or route.methods
