"""The whole API under fuzzing (issue 12 §2): schemathesis over /api/v1/openapi.json.

Every operation of the schema gets generated requests (valid and invalid: wrong types, out-of-range
numbers, missing fields, odd dates), each sent with three tokens — the chief (全庁), a section officer
(市民課, so other sections' rows are 404) and the system administrator (the org writes) — against the
test town with a few records of every kind. Every answer must be no server error and exactly what the
schema says: a documented status code, its content type and its body.

The run is bounded and reproducible: per operation schemathesis's coverage cases (the boundaries and
each kind of invalid value of every parameter) and 25 generated examples, derandomized, no example
database, no network (requests go straight into the WSGI application). About two minutes on two cores.
"""

from __future__ import annotations

import os
from datetime import date

import pytest
import schemathesis
from django.core import signals
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings

from hogokan.accounts.services import token_issue
from hogokan.assets import services as assets
from hogokan.assets import services as assets_register
from hogokan.assets import services_media as assets_media
from hogokan.assets import services_review as assets_review
from hogokan.audits import services as audits
from hogokan.core.middleware import MAX_INTEGER
from hogokan.disclosures import services as disclosures
from hogokan.incidents import services as incidents
from hogokan.incidents.models import DataItem
from hogokan.inspections import services as inspections
from hogokan.inspections.models import Campaign
from hogokan.mynumber import services as mynumber
from hogokan.org import services as org
from hogokan.org.models import Organ, OrgUnit, Person
from hogokan.outsourcing import services as outsourcing
from hogokan.outsourcing import services_filings as outsourcing_filings
from hogokan.outsourcing.models import Contract
from hogokan.purpose_uses import services as purpose_uses
from hogokan.registers import services as registers
from hogokan.registers import services_evaluation as registers_evaluation
from hogokan.registers.models import PersonalInfoFile
from hogokan.scanner import services as scanner
from hogokan.training import services as training
from tests.outsourcing.test_filings_reports import filled_report

TOKENS = ("chief", "officer", "admin")
EXAMPLES = int(os.environ.get("HOGOKAN_FUZZ_EXAMPLES", "25"))

# Operations whose valid-looking input may still be a 400 naming the field, for a rule an OpenAPI schema
# cannot state: a reference to a record (which IDs exist and are the actor's), a rule between fields or
# with the stored record, uniqueness, or today's date. schemathesis's positive_data_acceptance check takes
# every such 400 for a schema that is too loose; for these operations (only) a 400 is an expected answer.
# Every other operation must accept whatever its schema allows.
RULES_BEYOND_THE_SCHEMA = {
    "GET /api/v1/disclosures/requests": "organ is one of the organs (FilterForm choice)",
    "GET /api/v1/incidents": "unit is one of the actor's units that have incidents (FilterForm choice)",
    "GET /api/v1/purpose-uses": "organ is one of the organs (FilterForm choice)",
    "GET /api/v1/registers/files": "organ and unit are among the actor's (FilterForm choices)",
    "GET /api/v1/inspections/aggregate": "exactly one of campaign and fiscal_year",
    "POST /api/v1/incidents": "unit is the actor's own, data_items are catalogue names, dates not in the future",
    "PATCH /api/v1/incidents/{id}": "dates not in the future, data_items are catalogue names",
    "POST /api/v1/incidents/near-misses": "unit exists, occurred_on not in the future",
    "POST /api/v1/inspections/responses/{id}/submit": "answers name the checklist's items, all answered",
    "POST /api/v1/org/units": "organ and parent exist (parent in the same organ), code unique",
    "POST /api/v1/org/units/{id}/rename": "effective after the unit was set up",
    "POST /api/v1/org/units/{id}/move": "parent exists, effective after the unit was set up",
    "POST /api/v1/org/people": "employee_no unique, a contractor's person names the company",
    "PATCH /api/v1/org/people/{id}": "employee_no unique, a contractor's person names the company",
    "POST /api/v1/org/assignments": "person and unit exist, no second equal assignment",
    "POST /api/v1/org/assignments/{id}/end": "end not before the start, not already ended",
    "POST /api/v1/rules/breach-report": "my_number_system only with my_number",
    "POST /api/v1/training/courses": "due within the fiscal year, units among the actor's",
    "POST /api/v1/training/courses/{id}/attendances": "one of username and person, a person of the actor's units, "
                                                      "once per course, attended_on not in the future",
    "POST /api/v1/rules/request-deadline": "corrections within the request's period, received after requested",
    "GET /api/v1/audits/findings": "source and unit are among the findings' (FilterForm choices)",
    "POST /api/v1/scan": "the file is not empty",
    "POST /api/v1/audits/findings": "source and units are records the actor may see, 項番 unique in the source",
    "POST /api/v1/outsourcing/reports/{id}/accept": "the report still 提出済 (not yet accepted or returned)",
    "POST /api/v1/outsourcing/reports/{id}/return": "a reason, the report still 提出済 (not yet accepted or returned)",
    "POST /api/v1/outsourcing/deletion-reports/{id}/confirm": "the report still 提出済 (not yet confirmed or returned)",
    "GET /api/v1/mynumber/gaps": "as_of not before 2015-10-01 (the 番号法's start)",
    "POST /api/v1/rules/contractor-inspections": "end not before start",
    "GET /api/v1/mynumber/designations": "unit is one of the actor's units (FilterForm choice)",
    "POST /api/v1/mynumber/designations": "person works in the unit on start, unit, person and file are the actor's "
                                          "(the file of that unit), not named twice",
    "GET /api/v1/mynumber/ledger": "file and unit are among the actor's (FilterForm choices), month is YYYY-MM",
    "POST /api/v1/mynumber/ledger": "file and people are the actor's, 提供 names purpose and recipient, the checker "
                                    "is not the handler, handled_on not in the future",
    "POST /api/v1/mynumber/designations/{id}/end": "end not before the start, not already ended",
    "POST /api/v1/audits/findings/{id}/progress": "recorded_on not in the future, the finding not yet 済み",
    "GET /api/v1/assets/systems": "unit is one of the units in force (FilterForm choice)",
    "POST /api/v1/assets/systems": "unit is one of the actor's units (the office: any)",
    "POST /api/v1/assets/systems/{id}/accounts": "person exists, account_id not in use in the system",
    "POST /api/v1/assets/access-reviews/{id}/resolve": "kept needs a reason, the review still open, "
                                                       "disabled_on not before the grant",
    "GET /api/v1/assets/media": "unit is one of the actor's units holding media (FilterForm choice)",
    "POST /api/v1/assets/media": "number unique in the unit, permitted_to not before permitted_from",
    "POST /api/v1/assets/take-outs": "planned_return not before taken_out_on, a medium of the unit permitted that "
                                     "day only with medium_kind medium, encryption of electronic data, a contract "
                                     "of the actor's",
    "POST /api/v1/assets/take-outs/{id}/decide": "a reason to refuse, the request still 申請中, not the requester",
    "POST /api/v1/assets/security-reviews": "system is one of the actor's to change, requested_on not in the future",
    "POST /api/v1/assets/take-outs/{id}/return": "returned_on not before the take-out, the take-out approved",
}
ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]  # schemathesis's default for the check

CONFIG = schemathesis.Config.from_dict({
    # No NUL characters in generated text: every string the API takes refuses them (DRF's
    # ProhibitNullCharactersValidator), a rule of the whole API stated once in the 400's description.
    "generation": {"max-examples": EXAMPLES, "deterministic": True, "database": "none", "allow-x00": False},
    "phases": {"stateful": {"enabled": False}},
    "operations": [{"include-name": name, "checks": {"positive_data_acceptance": {"expected-statuses": [
        *ACCEPTED, "400"]}}} for name in RULES_BEYOND_THE_SCHEMA],
})
# The document /api/v1/openapi.json serves (test_served_schema_is_the_fuzzed_one), built without a request so
# that the operations are known when pytest collects them.
SCHEMA = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True), config=CONFIG)
APP = SCHEMA.app = WSGIHandler()  # as from_wsgi() would: every request, and the checks' own, go to the app


@pytest.fixture
def records(town):
    """A few rows of every kind, made through the services: 市民課's (the officer's) and 保険年金課's."""
    chief, staff = town.user("chief"), town.user("staff")
    incidents.catalogue_ensure()
    incidents.incident_report(actor=staff, title="郵送物の誤送付", unit=town.citizens, learned_on=date(2025, 6, 2),
                              persons=2, summary="窓あき封筒で別人の通知を送付した")
    incidents.incident_report(actor=town.user("officer2"), title="FAXの誤送信", unit=town.pension,
                              learned_on=date(2025, 7, 1), persons=1)
    incidents.near_miss_create(actor=staff, title="宛名の確認漏れ", occurred_on=date(2025, 5, 1),
                               description="封入前に気づいた", unit=town.citizens)
    contract = outsourcing.contract_save(actor=chief, title="窓口業務委託", unit=town.citizens,
                                         contractor_name="株式会社サンプル情報", period_start=date(2025, 4, 1),
                                         period_end=date(2027, 3, 31), contractor_people=[town.people["contractor"]])
    outsourcing_filings.report_submit(actor=town.user("contractor"), report=filled_report(town, contract))
    outsourcing_filings.subcontract_apply(actor=town.user("contractor"), contract=contract, company_name="再委託株式会社",
                                          company_address="みなと緑市本町4-5-6", reason="データ入力のため",
                                          work="申請書のデータ入力", information="氏名、住所", safeguards="入退室管理",
                                          supervision="月次の作業報告")
    outsourcing_filings.deletion_report_file(actor=town.user("contractor"), contract=contract, name="窓口データ",
                                             medium="紙", quantity="1箱", method="return", done_on=date(2026, 4, 2),
                                             person_in_charge="担当",
                                             certificate=SimpleUploadedFile("証明.pdf", b"%PDF"))
    outsourcing_filings.yearly_count_save(actor=town.user("contractor"), contract=contract, fiscal_year=2025,
                                          takeouts=1, home_takeouts=0, copies=0)
    common = dict(organ=town.mayor, purpose="住民の居住関係の公証", record_items="氏名、生年月日、住所",
                  record_scope="市内に住所を有する者", collection_method="本人からの届出", request_office="法務課",
                  processing=PersonalInfoFile.Processing.COMPUTER, kind=PersonalInfoFile.Kind.STATUTORY)
    registers.file_create(actor=staff, name="作成中ファイル", unit=town.citizens, **common)
    specific = registers.file_load_published(actor=chief, on=date(2024, 4, 1), name="住民基本台帳ファイル",
                                             unit=town.citizens, is_specific=True, **common)
    registers.file_load_published(actor=chief, on=date(2024, 4, 1), name="国民健康保険被保険者ファイル",
                                  unit=town.pension, **common)
    pia = registers.pia_save(actor=town.user("officer"), file=specific, persons=120_000, handlers=300,
                             serious_accident=False, published_on=date(2024, 6, 1))
    document = registers_evaluation.document_save(actor=chief, pia=pia, number="1", name="住民基本台帳に関する事務",
                                                  kind="priority", published_on=date(2024, 6, 1))
    evaluation = registers_evaluation.round_save(
        actor=chief, kind="re", title="評価書の再実施について", unit=town.citizens, reason="ガバメントクラウドへの移行",
        planned_on=date(2026, 4, 1), documents=[document],
        changes=[registers_evaluation.ChangeRow("保管場所", "データセンター", "ガバメントクラウド")])
    meeting = registers_evaluation.meeting_save(actor=chief, session="令和8年度第1回", held_on=date(2026, 5, 20))
    registers_evaluation.agenda_item_save(actor=chief, meeting=meeting, number=1, kind="consultation",
                                          title="再実施について", subject="evaluation", evaluation=evaluation)
    registers.affair_start(actor=chief, organ=town.mayor, unit=town.citizens, name="住民票の交付",
                           started_on=date(2020, 4, 1))
    disclosures.request_receive(actor=chief, units=[town.citizens], kind="disclosure", organ=town.mayor,
                                received_on=date(2026, 11, 2), channel="counter", requester_name="開示 請求者",
                                requester_address="みなと緑市本町1-1", target_description="住民票の交付記録")
    purpose_uses.use_save(actor=staff, kind="use", organ=town.mayor, unit=town.citizens, used_on=date(2026, 11, 2),
                          file_or_affair_name="住民基本台帳", recipient="福祉課", purpose="安否確認",
                          basis="internal", no_unfair_harm=True)
    course = training.course_save(actor=chief, title="個人情報保護研修", fiscal_year=2026, kind="all_staff",
                                  audience_roles=["officer", "staff"], due=date(2026, 12, 25))
    training.attendance_record(actor=chief, course=course, person=town.people["staff"], attended_on=date(2026, 6, 1))
    source = audits.source_save(actor=chief, kind="ppc", title="令和6年度 個人情報保護委員会立入検査", fiscal_year=2024)
    audits.finding_save(actor=chief, source=source, units=[town.citizens], text="研修の受講状況を確認していなかった。",
                        due_date=date(2027, 3, 31))
    audits.finding_save(actor=chief, source=source, units=[town.pension], text="ユーザIDを停止していなかった。")
    scanner.path_rule_save(actor=chief, prefix="/srv/share/shimin/", unit=town.citizens)
    scanner.run_record(actor=chief, host="fs01", roots=["/srv/share"], summary={}, files=[
        {"root": "/srv/share", "path": "shimin/名簿.xlsx", "size": 10, "status": "ok", "findings": {"my_number": 1}}])
    mynumber.designation_create(actor=chief, person=town.people["staff"], unit=town.citizens, start=date(2025, 4, 1))
    mynumber.ledger_record(actor=chief, file=specific, handled_on=date(2025, 6, 1), kind="provide", count=2,
                           purpose="地方税の賦課", recipient="○○市税務課", handler=town.people["staff"])
    system = assets.system_save(actor=chief, name="住民記録システム", unit=town.citizens,
                                handles_personal_information=True)
    assets.account_add(actor=chief, system=system, person=town.people["staff"], account_id="shimin-0006")
    org.leave_record(actor=town.user("admin"), person=town.people["staff"], kind="childcare", start=date(2026, 10, 1))
    medium = assets_media.medium_save(actor=town.user("officer"), unit=town.citizens, number="USB-01", kind="usb",
                                      encryption="hardware", permitted_from=date(2026, 4, 1))
    assets_media.takeout_request(actor=staff, unit=town.citizens, carrier=town.people["staff"], items="訪問先一覧",
                                 personal_information="氏名、住所", medium_kind="medium", medium=medium,
                                 protection="encrypted", destination="市民会館", purpose="meeting",
                                 taken_out_on=date(2026, 11, 10), planned_return=date(2026, 11, 12))
    assets_review.review_request(actor=chief, system=assets_register.system_save(
        actor=chief, name="住民記録システム", unit=town.citizens, handles_personal_information=True),
        matters=["change"], fiscal_year=2026, description="標準化対応", requested_on=date(2026, 9, 1))
    inspections._items_of_template.cache_clear()  # a rolled-back test may have left another template's items
    inspections.campaign_create(actor=chief, kind=Campaign.Kind.MONTHLY, year=2026, month=11,
                                units=[town.citizens, town.pension, town.schools])
    yield
    inspections._items_of_template.cache_clear()


@pytest.fixture
def tokens(town, records):
    """role → the raw token of a fresh API token (``Authorization: Bearer``)."""
    return {role: token_issue(actor=None, user=town.user(role), name="fuzz")[1] for role in TOKENS}


@pytest.fixture
def wsgi_in_test_transaction():
    """Requests go through the real WSGI handler inside the test's transaction, so the handler must not close
    the connection at the end of each request (django.test.Client disconnects the same signal)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Fields that name a record by its ID, in a query or a body, and the records they name.
REFERENCES = {"unit": OrgUnit, "parent": OrgUnit, "organ": Organ, "person": Person, "campaign": Campaign,
              "contract": Contract}


def _record_ids(path: str, name: str) -> list[int]:
    """The IDs of the records ``name`` refers to: a path's ``{id}`` is a row of its viewset's model."""
    model = resolve(path.replace("{id}", "1")).func.cls.queryset.model if name == "id" else REFERENCES[name]
    return list(model.objects.order_by("pk").values_list("pk", flat=True))


def _aim_at_real_records(case) -> None:
    """Most generated IDs become IDs of real records, so that detail routes answer with data (and 404
    outside the officer's scope) and writes get past their references to the rules behind them.

    Left as generated: every fifth ID (records that do not exist are asked for too), the parameter a
    coverage case or mutation is about, and in an invalid request every ID but a valid one in the path.
    """
    data = case.meta.phase.data if case.meta else None
    subject = getattr(data, "parameter", None)
    containers = [(case.path_parameters, ("id",))]
    if not (case.meta and case.meta.generation.mode.is_negative):  # an invalid value may be a reference's
        containers += [(case.query, REFERENCES), (case.body, REFERENCES)]
    for container, names in containers:
        if not isinstance(container, dict):
            continue
        for name in names:
            value = container.get(name)
            if (name == subject or not isinstance(value, int) or isinstance(value, bool) or value % 5 == 0
                    or not -MAX_INTEGER <= value <= MAX_INTEGER):
                continue
            if ids := _record_ids(case.operation.path, name):
                container[name] = ids[value % len(ids)]
    if (len(containers) > 1 and isinstance(case.body, dict) and isinstance(case.body.get("data_items"), list)
            and subject != "data_items"):
        names = list(DataItem.objects.order_by("pk").values_list("name", flat=True))
        case.body["data_items"] = [names[len(item) % len(names)] if isinstance(item, str) else item
                                   for item in case.body["data_items"]]


@SCHEMA.parametrize()
# The fixtures are the town and its tokens, read by every example and never reset: rows the examples write
# (new units, people, incidents) are more rows to read, not a reason to rebuild the town.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_api_answers_as_documented(case, tokens, wsgi_in_test_transaction):
    _aim_at_real_records(case)
    for role, raw in tokens.items():
        try:
            case.call_and_validate(app=APP, headers={"Authorization": f"Bearer {raw}"})
        except Exception as exc:
            exc.add_note(f"token: {role}")
            raise


def test_served_schema_is_the_fuzzed_one(api):
    response = api("chief").get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json() == SCHEMA.raw_schema


def test_every_record_route_has_records_to_answer_with(records):
    paths = [path for path in SCHEMA.raw_schema["paths"] if "{id}" in path]
    assert paths and all(_record_ids(path, "id") for path in paths), paths
