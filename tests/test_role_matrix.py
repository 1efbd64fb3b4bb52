"""The role × URL matrix: every URL pattern, method, role and object answers what tests/role_matrix.py declares.

The URL patterns are walked from the resolver (tests/url_patterns.py), so a page or API route added later
fails here until its row is declared. One world is built per test module (and xdist worker) inside a
transaction: the town's people, and one record of every kind in 市民課 (officer, staff; the contractor's
contract), 保険年金課 (officer2; another company's contract) and 学務課 (outsider). Each case runs in a
savepoint that is rolled back, so a POST never changes what the next case sees.
"""

from __future__ import annotations

import dataclasses
import fnmatch
from datetime import date
from http.cookies import SimpleCookie
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve, reverse

from hogokan.accounts.services import token_issue
from hogokan.assets import services as assets
from hogokan.assets import services as assets_register
from hogokan.assets import services_media as assets_media
from hogokan.assets import services_review as assets_review
from hogokan.audits import services as audits
from hogokan.audits import services_visits as audits_visits
from hogokan.core.services import attachment_add, notification_send
from hogokan.disclosures import services as disclosures
from hogokan.incidents import services as incidents
from hogokan.incidents.models import DataItem, Incident
from hogokan.inspections import services as inspections
from hogokan.inspections.models import Campaign
from hogokan.mynumber import services as mynumber
from hogokan.org import services as org
from hogokan.org.models import Assignment
from hogokan.outsourcing import services as outsourcing
from hogokan.outsourcing import services_filings as filings
from hogokan.outsourcing import services_inspections as contract_inspections
from hogokan.purpose_uses import services as purpose_uses
from hogokan.registers import services as registers
from hogokan.registers import services_evaluation as registers_evaluation
from hogokan.registers.models import PersonalInfoFile
from hogokan.scanner import services as scanner
from hogokan.training import services as training
from tests import role_matrix as matrix
from tests.conftest import build_town, login
from tests.url_patterns import every_route

ROUTES = every_route()
LOGIN_VIEWS = {"accounts:login", "admin:login"}
SECOND_FACTOR_VIEWS = {"accounts:otp_verify", "accounts:otp_setup"}
HOLDERS = {"citizens": "officer", "pension": "officer2", "schools": "outsider"}  # whose notifications, tokens


# ---- the world: one record of every kind per unit ---------------------------------------------------

def _bundle(town, key: str, *, contract_people=(), company: str) -> SimpleNamespace:
    unit = getattr(town, key)
    chief = town.user("chief")
    holder = HOLDERS[key]
    member = {"citizens": "staff", "pension": "officer2", "schools": "outsider"}[key]
    person = town.people[holder]
    b = SimpleNamespace(unit=unit, organ=unit.organ, person=person,
                        assignment=Assignment.objects.get(person=person))
    # 委託 and 漏えい等事案 (the 市民課 incident is the contractor's own first report on its contract)
    b.contract = outsourcing.contract_save(
        actor=chief, title=f"{unit.name}の窓口業務委託", unit=unit, contractor_name=company,
        period_start=date(2026, 4, 1), period_end=date(2027, 3, 31), contractor_people=list(contract_people))
    b.company = outsourcing.company_save(actor=chief, company=b.contract.company, people=list(contract_people))
    # the contractor's filings: a submitted report, a sub-contracting application, a deletion report
    b.contractor_report = filings.report_start(actor=chief, contract=b.contract)
    b.subcontract = filings.subcontract_apply(actor=chief, contract=b.contract, company_name=f"{company}の再委託先",
                                              reason="繁忙期", work="データ入力", information="氏名",
                                              safeguards="ISMS", supervision="月次報告")
    b.deletion_report = filings.deletion_report_file(
        actor=chief, contract=b.contract, name="交付データ", medium="ディスク", quantity="1台", method="erasure",
        done_on=date(2027, 4, 5), person_in_charge="担当者",
        certificate=SimpleUploadedFile("証明書.pdf", b"%PDF-1.4 certificate"))
    b.yearly_count = filings.yearly_count_save(actor=chief, contract=b.contract, fiscal_year=2026, takeouts=1,
                                               home_takeouts=0, copies=0)
    b.contract_inspection, b.improvement_report = _inspections(chief, b.contract)
    reporter = town.user("contractor") if contract_people else town.user(member)
    b.incident = incidents.incident_report(
        actor=reporter, title=f"{unit.name}の誤送付", unit=unit, learned_on=date(2026, 10, 1), persons=1,
        contract=b.contract if key != "schools" else None, data_items=[DataItem.objects.get(name="氏名")])
    b.measure = incidents.measure_save(actor=chief, incident=b.incident, description="封入時に二人で確認する",
                                       due_date=date(2027, 1, 29))
    b.near_miss = incidents.near_miss_create(actor=town.user(member), title=f"{unit.name}のヒヤリ",
                                             occurred_on=date(2026, 10, 2), description="宛名の取り違えに気付いた",
                                             unit=unit)
    b.attachment = attachment_add(actor=town.user(member), target=b.incident,
                                  uploaded_file=SimpleUploadedFile("経過メモ.txt", "経過".encode()))
    b.incident_type = ContentType.objects.get_for_model(Incident)
    # 個人情報ファイル簿 (published, 特定個人情報: it has a PIA), 取扱事務
    b.file = registers.file_load_published(
        actor=chief, on=date(2024, 4, 1), name=f"{unit.name}の台帳ファイル", organ=unit.organ, unit=unit,
        purpose="住民の居住関係の公証", record_items="氏名、生年月日、住所", record_scope="市内に住所を有する者",
        collection_method="本人からの届出", request_office="法務課", is_specific=True,
        processing=PersonalInfoFile.Processing.COMPUTER, kind=PersonalInfoFile.Kind.STATUTORY)
    b.pia = registers.pia_save(actor=chief, file=b.file, persons=5000, handlers=10, serious_accident=False,
                               published_on=date(2024, 6, 1))
    b.evaluation_document = registers_evaluation.document_save(
        actor=chief, pia=b.pia, number=f"{unit.pk}", name=f"{unit.name}の事務", kind="priority",
        published_on=date(2024, 6, 1))
    b.evaluation = registers_evaluation.round_save(
        actor=chief, kind="re", title=f"{unit.name}の評価書の再実施", unit=unit, reason="ガバメントクラウドへの移行",
        planned_on=date(2026, 4, 1), documents=[b.evaluation_document],
        changes=[registers_evaluation.ChangeRow("保管場所", "データセンター", "ガバメントクラウド")])
    b.council_meeting = registers_evaluation.meeting_save(actor=chief, session=f"{unit.name}の回",
                                                          held_on=date(2026, 3, 17), place="特別会議室")
    b.council_item = registers_evaluation.agenda_item_save(
        actor=chief, meeting=b.council_meeting, number=1, kind="consultation", title="再実施について",
        subject="evaluation", evaluation=b.evaluation)
    b.affair = registers.affair_start(actor=chief, organ=unit.organ, unit=unit, name=f"{unit.name}の事務",
                                      started_on=date(2020, 4, 1))
    # 点検: a campaign of this unit only, its response with one × and the corrective action, an own item
    month = {"citizens": 9, "pension": 10, "schools": 11}[key]
    b.campaign = inspections.campaign_create(actor=chief, kind=Campaign.Kind.MONTHLY, year=2026, month=month,
                                             units=[unit])
    b.response = b.campaign.responses.get()
    answers = {item_key: ("○", "") for item_key, _item in inspections.response_items(b.response)}
    wrong = next(iter(answers))
    answers[wrong] = ("×", "")
    inspections.response_save(actor=town.user(member), response=b.response, answers=answers,
                              actions={wrong: inspections.ActionInput("鍵の管理簿を作る")})
    b.action = b.response.actions.get()
    b.template = b.campaign.template
    b.template_item = b.template.items.order_by("pk").first()
    b.section_item = inspections.section_item_add(actor=chief, unit=unit, number="個1", text="窓口の施錠を確認した")
    # 開示請求等 with every step, 目的外利用
    b.request = disclosures.request_receive(
        actor=chief, units=[unit], kind="disclosure", organ=unit.organ, received_on=date(2026, 11, 2),
        channel="counter", requester_name="開示 請求者", requester_address="みなと緑市本町1-1",
        target_description="住民票の交付記録")
    b.correction = disclosures.correction_request(actor=chief, request=b.request, requested_on=date(2026, 11, 4),
                                                  content="対象の期間")
    b.hearing = disclosures.hearing_add(actor=chief, request=b.request, third_party="第三者A", reason="2ro",
                                        sent_on=date(2026, 11, 5))
    b.decision = disclosures.decision_record(actor=chief, request=b.request, unit=unit, type="partial",
                                             grounds=["2"], decided_on=date(2026, 11, 20))
    b.appeal = disclosures.appeal_save(actor=chief, request=b.request, decision=b.decision,
                                       filed_on=date(2026, 11, 25))
    b.undecided_request = disclosures.request_receive(
        actor=chief, units=[unit], kind="disclosure", organ=unit.organ, received_on=date(2026, 11, 9),
        channel="mail", requester_name="開示 請求者二", requester_address="みなと緑市本町2-2",
        target_description="課税台帳の閲覧記録")
    b.use = purpose_uses.use_save(actor=town.user(member), kind="use", organ=unit.organ, unit=unit,
                                  used_on=date(2026, 11, 2), file_or_affair_name="住民基本台帳", recipient="福祉課",
                                  purpose="安否確認", basis="internal", no_unfair_harm=True)
    # 研修 (body-wide; one per unit, its audience the unit)
    b.course = training.course_save(actor=chief, title=f"{unit.name}の研修", fiscal_year=2026, kind="all_staff",
                                    audience_units=[unit], due=date(2027, 3, 31))
    # 指摘事項: a source of this unit's audit and one finding naming the unit
    b.finding_source = audits.source_save(actor=chief, kind="internal", title=f"{unit.name}の内部監査",
                                          fiscal_year=2026)
    b.finding = audits.finding_save(actor=chief, source=b.finding_source, units=[unit], text="施錠していなかった。",
                                    due_date=date(2027, 3, 31))
    b.audit_plan = audits_visits.plan_save(actor=chief, fiscal_year=2026, kind="internal", title=f"{unit.name}の監査",
                                           units=[unit])
    b.visit = audits_visits.visit_add(actor=chief, fiscal_year=2026, unit=unit)
    # ファイル検査: the unit's share folder and one run with one of its files
    scanner.path_rule_save(actor=chief, prefix=f"/srv/share/{key}/", unit=unit)
    b.scan_run = scanner.run_record(actor=chief, host="fs01", roots=["/srv/share"], summary={}, files=[{
        "root": "/srv/share", "path": f"{key}/名簿.xlsx", "size": 1000, "status": "ok",
        "findings": {"my_number": 1, "person_name": 2}, "samples": {"my_number": ["1234-****-**18"]}}])
    # 事務取扱担当者 (番号法): the holder of the unit, for every 特定個人情報ファイル of it
    b.designation = mynumber.designation_create(actor=chief, person=person, unit=unit, start=date(2025, 4, 1))
    b.ledger_entry = mynumber.ledger_record(actor=chief, file=b.file, handled_on=date(2026, 10, 1), kind="use",
                                            count=1, handler=person)
    # 情報システム (市民課's runs under the contractor's contract), the holder's account, its access review after
    # a long leave, a stocktake
    b.system = assets.system_save(actor=chief, name=f"{unit.name}のシステム", unit=unit, contract=b.contract,
                                  handles_personal_information=True, log_collected=True,
                                  log_analysis_frequency="monthly")
    b.account = assets.account_add(actor=chief, system=b.system, person=person, account_id=f"{key}-0001")
    org.leave_record(actor=town.user("admin"), person=person, kind="childcare", start=date(2026, 10, 1))
    b.access_review = b.account.access_reviews.get()
    b.stocktake = assets.stocktake_start(actor=chief, system=b.system)
    # 外部記録媒体 with its month's 現物確認; a 持出し (the 市民課 one the contractor's, on its contract)
    b.medium = assets_media.medium_save(actor=chief, unit=unit, number=f"USB-{key}", kind="usb", encryption="hardware",
                                        permitted_from=date(2026, 4, 1))
    b.media_stocktake = assets_media.stocktake_open(actor=chief, unit=unit, year=2026, month=11)
    carrier = "contractor" if contract_people else member
    b.takeout = assets_media.takeout_request(
        actor=town.user(carrier), unit=unit, carrier=town.people[carrier], contract=b.contract if contract_people else None,
        items="訪問先一覧", personal_information="氏名、住所", medium_kind="paper", destination="市民会館",
        purpose="meeting", taken_out_on=date(2026, 11, 10), planned_return=date(2026, 11, 10))
    # 情報セキュリティ対策の点検: a system of the unit and its review, 対応中 (the office has started it)
    b.reviewed_system = assets_register.system_save(actor=chief, name=f"{unit.name}の業務システム", unit=unit,
                                                    handles_personal_information=True)
    b.security_review = assets_review.review_request(actor=chief, system=b.reviewed_system, matters=["change"],
                                                     fiscal_year=2026, description="機能の追加",
                                                     requested_on=date(2026, 10, 1))
    assets_review.review_start(actor=chief, review=b.security_review)
    return b


def _inspections(chief, contract):
    """The contract's document inspection 回答待ち, and an added on-site one with a 否 (its improvement report)."""
    from django.utils import timezone
    from django.utils.datastructures import MultiValueDict

    from hogokan.checklists import api as checklists
    from hogokan.outsourcing.models import ContractInspection

    document = contract.inspections.get()
    contract_inspections._sheet(document, chief)  # as inspection_request does (not every unit's has a contractor)
    ContractInspection.objects.filter(pk=document.pk).update(status="answering", requested_at=timezone.now())
    document.refresh_from_db()
    onsite = contract_inspections.inspection_add(actor=chief, contract=contract, due_on=date(2026, 12, 28))
    sheet = contract_inspections._sheet(onsite, chief)
    data = {f"a{item.pk}": ["ng" if item.number == "9" else "ok"] for item in sheet.template.items.all()}
    contract_inspections.inspection_save(actor=chief, inspection=onsite, contractor=False, inspector="課長",
                                         inspected_on=date(2026, 10, 1),
                                         sheet_form=checklists.sheet_form(sheet, MultiValueDict(data)))
    contract_inspections.inspection_submit(actor=chief, inspection=onsite, contractor=False)
    contract_inspections.inspection_complete(actor=chief, inspection=onsite)
    return document, onsite.improvements.get()


def build_world() -> SimpleNamespace:
    town = build_town()
    incidents.catalogue_ensure()
    bundles = {
        "citizens": _bundle(town, "citizens", contract_people=[town.people["contractor"]],
                            company="株式会社サンプル情報"),
        "pension": _bundle(town, "pension", company="別会社株式会社"),
        "schools": _bundle(town, "schools", company="学校給食システム株式会社"),
    }
    sessions, tokens, notes = {}, {}, {}
    for role in matrix.ROLES:
        user = town.user(role)
        [notes[role]] = notification_send(recipients=[user], subject=f"{role}へのお知らせ", url="/")
        client = login(Client(), user)
        sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
        tokens[role] = token_issue(actor=None, user=user, name="行列")
    return SimpleNamespace(town=town, bundles=bundles, sessions=sessions, tokens=tokens, notifications=notes)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once per module and worker; everything is rolled back at the end."""
    with django_db_blocker.unblock(), override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        _clear_caches()
        with transaction.atomic():
            yield build_world()
            transaction.set_rollback(True)
        _clear_caches()


def _clear_caches():
    cache.clear()
    inspections._items_of_template.cache_clear()  # ids come back after the rollback (SQLite)


# ---- one case ---------------------------------------------------------------------------------------

def _target(world, role: str, relation: str) -> SimpleNamespace:
    """The records a case uses: the unit's bundle, and the personal ones (notification, token) of its holder."""
    own, other = matrix.UNITS[role]
    unit_key = own if relation == matrix.OWN else other
    holder = role if relation == matrix.OWN and role in matrix.ROLES else HOLDERS[unit_key]
    return SimpleNamespace(**vars(world.bundles[unit_key]), notification=world.notifications[holder],
                           token=world.tokens[holder][0])


def _kwargs(route, target) -> dict:
    kwargs = {}
    for parameter in route.parameters:
        value = matrix.parameter(route.key, parameter)
        kwargs[parameter] = value.value if isinstance(value, matrix.Fixed) else getattr(target, value).pk
    return kwargs


def _model_admin(callback):
    """The ModelAdmin behind a Django admin URL (``model_admin`` of its wrapper, or the bound view's self)."""
    function = callback
    while function is not None:
        found = getattr(function, "model_admin", None) or getattr(function, "__self__", None)
        if hasattr(found, "model"):
            return found
        function = getattr(function, "__wrapped__", None)
    return None


def _admin_path(route, world) -> str:
    """A Django admin URL with a record that exists (the same one on SQLite and PostgreSQL)."""
    if route.name is None:  # the redirect of <object_id>/ to its change page, the catch-all
        return route.path
    match = resolve(route.path)
    model_admin = _model_admin(route.pattern.callback)
    first = model_admin.model._default_manager.order_by("pk").first() if model_admin else None
    incident = world.bundles["citizens"].incident
    values = {"object_id": first.pk if first else 0, "pk": first.pk if first else 0, "id": first.pk if first else 0,
              "app_label": "org"}
    if route.name == "admin:view_on_site":
        values.update(content_type_id=ContentType.objects.get_for_model(incident).pk, object_id=incident.pk)
    if match.args:  # django-simple-history: (object_id, version_id)
        version = first.history.order_by("history_id").first()  # none for rows bulk-created without history
        return reverse(route.name, args=[first.pk, version.history_id if version else 0])
    return reverse(route.name, kwargs={name: values[name] for name in match.captured_kwargs})


def _view_name(location: str) -> str | None:
    try:
        return resolve(urlsplit(location).path).view_name
    except Resolver404:
        return None


def _outcome(client, response, role: str) -> str:
    for _hop in range(3):
        status = response.status_code
        if status >= 500:
            raise AssertionError(f"{status}: {response.content[:500]!r}")
        if not 300 <= status < 400:
            break
        target = _view_name(response["Location"])
        if target in LOGIN_VIEWS:
            return matrix.LOGIN
        if target in SECOND_FACTOR_VIEWS:  # never for the world's sessions: a broken fixture would pass as OK
            return matrix.SECOND_FACTOR
        if role != matrix.ANONYMOUS:
            return matrix.OK
        response = client.get(response["Location"])  # the Django admin sends the anonymous on to its login page
    # 400: the empty form or body did not validate, after the permission check had passed
    return matrix.OK if status <= 400 else str(status)


def _send(client, world, route, method: str, role: str, path: str):
    client.cookies = SimpleCookie()
    headers = {}
    if role != matrix.ANONYMOUS:
        if route.is_api:
            headers["Authorization"] = f"Bearer {world.tokens[role][1]}"
        else:
            client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    if method == "GET":
        return client.get(path, headers=headers)
    if not route.is_api:
        return client.post(path, headers=headers)
    return getattr(client, method.lower())(path, data="{}", content_type="application/json", headers=headers)


def _cases(route):
    relations = (matrix.OWN, matrix.OTHER) if matrix.takes_record(route) else (None,)
    for method in matrix.methods(route):
        for role in matrix.ROLES:
            for relation in relations:
                yield method, role, relation
        yield method, matrix.ANONYMOUS, relations[0]  # refused before any record is read


@pytest.mark.parametrize("route", ROUTES, ids=[route.key for route in ROUTES])
def test_role_matrix(route, world, db, request):
    row = matrix.row_for(route)  # fails naming the URL when it has no row
    client = Client()
    wrong, count = [], 0
    for method, role, relation in _cases(route):
        target = _target(world, role, relation or matrix.OWN)
        path = _admin_path(route, world) if row.admin else reverse(route.name, kwargs=_kwargs(route, target))
        with transaction.atomic():
            got = _outcome(client, _send(client, world, route, method, role, path), role)
            transaction.set_rollback(True)
        cache.clear()
        count += 1
        expected = row.expected(method, role, relation)
        if got != expected:
            wrong.append(f"  {method} {path} as {role}{f' ({relation} record)' if relation else ''}: "
                         f"expected {expected}, got {got}")
    request.node.user_properties.append(("role_matrix_cases", count))
    if wrong:
        pytest.fail(f"{route.key}: the answers differ from tests/role_matrix.py\n" + "\n".join(wrong), pytrace=False)


def test_every_row_names_a_url_pattern():
    """A row for a URL that no longer exists is a stale promise; a pattern row must still match one."""
    keys = {route.key for route in ROUTES}
    stale = [key for key in matrix.ROWS
             if not any(fnmatch.fnmatchcase(route_key, key) for route_key in keys)]
    assert not stale, f"rows without a URL pattern: {stale}"


def test_a_url_without_a_row_fails_naming_it():
    route = next(route for route in ROUTES if route.key == "incidents:detail")
    unlisted = dataclasses.replace(route, name="incidents:detail_v2")
    with pytest.raises(AssertionError, match=r"incidents:detail_v2 \(/incidents/1/, GET/POST\) has no row"):
        matrix.row_for(unlisted)
