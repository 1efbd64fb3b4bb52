"""Every model that keeps history is written by a service that leaves a history row naming the actor.

The table WRITERS names, for each model with a ``history`` manager (django-simple-history), one
service call that writes it. A new model with history and no entry here fails the first test: add
the service call that writes it, so that no module forgets to record who changed what and why.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from simple_history.models import registered_models

from hogokan.accounts.services import token_issue
from hogokan.assets import reviews as assets_reviews
from hogokan.assets import services as assets
from hogokan.assets import services_media as assets_media
from hogokan.assets import services_review as assets_review
from hogokan.audits import services as audits
from hogokan.audits import services_visits as audits_visits
from hogokan.checklists import api as checklists
from hogokan.disclosures import services as disclosures
from hogokan.incidents import services as incidents
from hogokan.incidents.models import DataItem
from hogokan.inspections import services as inspections
from hogokan.inspections.models import Campaign, SurveyQuestion
from hogokan.mynumber import services as mynumber
from hogokan.org import services as org
from hogokan.org.models import Role, UnitKind
from hogokan.outsourcing import services as outsourcing
from hogokan.outsourcing import services_filings as filings
from hogokan.outsourcing import services_inspections as contract_inspections
from hogokan.purpose_uses import services as purpose_uses
from hogokan.registers import services as registers
from hogokan.registers import services_evaluation as registers_evaluation
from hogokan.registers.models import PersonalInfoFile
from hogokan.scanner import services as scanner
from hogokan.training import services as training


class World:
    """The records the writers need, each made once through the services."""

    def __init__(self, town):
        self.town = town

    def user(self, name):
        return self.town.user(name)

    @cached_property
    def contract(self):
        return outsourcing.contract_save(
            actor=self.user("chief"), title="窓口業務委託", unit=self.town.citizens, contractor_name="株式会社サンプル情報",
            period_start=date(2025, 4, 1), period_end=date(2026, 3, 31),
            contractor_people=[self.town.people["contractor"]])

    @cached_property
    def course(self):
        return training.course_save(actor=self.user("chief"), title="個人情報保護研修", fiscal_year=2026,
                                    kind="all_staff", audience_roles=["staff"], due=date(2026, 12, 25),
                                    audience_units=[self.town.citizens])

    @cached_property
    def affair(self):
        return registers.affair_start(actor=self.user("officer"), organ=self.town.mayor, unit=self.town.citizens,
                                      name="住民記録事務", started_on=date(2024, 4, 1))

    @cached_property
    def specific_file(self):
        return registers.file_load_published(
            actor=self.user("chief"), on=date(2022, 4, 1), name="特定個人情報ファイルA", organ=self.town.mayor,
            unit=self.town.citizens, purpose="住民の居住関係の公証", record_items="氏名、住所", is_specific=True,
            record_scope="市内に住所を有する者", collection_method="本人からの届出", request_office="法務課",
            processing=PersonalInfoFile.Processing.COMPUTER, kind=PersonalInfoFile.Kind.STATUTORY)

    @cached_property
    def evaluation_document(self):
        return registers_evaluation.document_save(actor=self.user("officer"), pia=self.pia, number="1",
                                                  name="住民基本台帳に関する事務", kind="priority",
                                                  published_on=date(2022, 6, 1))

    @cached_property
    def evaluation_round(self):
        return registers_evaluation.round_save(
            actor=self.user("officer"), kind="re", title="再実施", unit=self.town.citizens, reason="クラウド移行",
            planned_on=date(2026, 4, 1), documents=[self.evaluation_document],
            changes=[registers_evaluation.ChangeRow("保管場所", "データセンター", "ガバメントクラウド")])

    @cached_property
    def council_meeting(self):
        return registers_evaluation.meeting_save(actor=self.user("chief"), session="令和8年度第1回",
                                                 held_on=date(2026, 5, 20), place="会議室")

    @cached_property
    def pia(self):
        return registers.pia_save(actor=self.user("officer"), file=self.specific_file, persons=120_000, handlers=300,
                                  serious_accident=False, published_on=date(2022, 6, 1))

    @cached_property
    def request(self):
        return disclosures.request_receive(
            actor=self.user("chief"), units=[self.town.citizens], kind="disclosure", organ=self.town.mayor,
            received_on=date(2026, 11, 2), channel="counter", requester_name="開示 請求者",
            requester_address="みなと緑市本町1-1", target_description="住民票の交付記録")

    @cached_property
    def decision(self):
        return disclosures.decision_record(actor=self.user("officer"), request=self.request, unit=self.town.citizens,
                                           type="full", decided_on=date(2026, 11, 20))

    @cached_property
    def system(self):
        return assets.system_save(actor=self.user("officer"), name="住民記録システム", unit=self.town.citizens,
                                  handles_personal_information=True, log_collected=True,
                                  log_analysis_frequency="monthly")

    @cached_property
    def account(self):
        return assets.account_add(actor=self.user("officer"), system=self.system, person=self.town.people["staff"],
                                  account_id="u0001", granted_on=date(2024, 4, 1))

    @cached_property
    def stocktake(self):
        self.account
        return assets.stocktake_start(actor=self.user("officer"), system=self.system, today=date(2026, 4, 10))

    @cached_property
    def access_review(self):
        self.account
        leave = org.leave_record(actor=self.user("admin"), person=self.town.people["staff"], kind="childcare",
                                 start=date(2026, 5, 1), end=None)
        return assets_reviews.AccessReview.objects.get(leave=leave)

    @cached_property
    def items(self):
        incidents.catalogue_ensure()
        return {item.name: item for item in DataItem.objects.all()}

    @cached_property
    def incident(self):
        return incidents.incident_report(actor=self.user("staff"), title="郵送物の誤送付", unit=self.town.citizens,
                                         learned_on=date(2025, 6, 2), persons=2, data_items=[self.items["氏名"]])

    @cached_property
    def finding_source(self):
        return audits.source_save(actor=self.user("chief"), kind="ppc", title="令和6年度 個人情報保護委員会立入検査",
                                  fiscal_year=2024)

    @cached_property
    def visit(self):
        visit = audits_visits.visit_add(actor=self.user("chief"), fiscal_year=2026, unit=self.town.citizens)
        return audits_visits.visit_record(actor=self.user("auditor"), visit=visit, visited_on=date(2026, 10, 1),
                                          inspectors="山田", rating="good")

    @cached_property
    def finding(self):
        return audits.finding_save(actor=self.user("auditor"), source=self.finding_source, units=[self.town.citizens],
                                   text="ログの分析を行っていなかった。")

    @cached_property
    def medium(self):
        return assets_media.medium_save(actor=self.user("officer"), unit=self.town.citizens, number="USB-01", kind="usb",
                                        encryption="hardware", permitted_from=date(2026, 4, 1),
                                        permitted_users=[self.town.people["staff"]])

    @cached_property
    def media_stocktake(self):
        stocktake = assets_media.stocktake_open(actor=self.user("officer"), unit=self.town.citizens, year=2026,
                                                month=11)
        assets_media.stocktake_record(actor=self.user("staff"), stocktake=stocktake, checked_on=date(2026, 11, 13),
                                      results={self.medium.pk: assets_media.CheckInput("present")})
        return stocktake

    @cached_property
    def security_review(self):
        system = assets.system_save(actor=self.user("officer"), name="住民記録システム", unit=self.town.citizens,
                                    handles_personal_information=True)
        review = assets_review.review_request(actor=self.user("officer"), system=system, matters=["change"],
                                              fiscal_year=2026, description="標準化対応", requested_on=date(2026, 9, 1))
        assets_review.review_start(actor=self.user("chief"), review=review)
        sheet = review.sheet
        checklists.sheet_save(sheet, checklists.sheet_form(sheet, {f"a{item.pk}": "ok" for item in sheet.template.items.all()}),
                              actor=self.user("chief"))
        return assets_review.review_notify(actor=self.user("chief"), review=review, notified_on=date(2026, 10, 30),
                                           result="suitable")

    @cached_property
    def takeout(self):
        return assets_media.takeout_request(
            actor=self.user("staff"), unit=self.town.citizens, carrier=self.town.people["staff"], items="訪問先一覧",
            personal_information="氏名、住所", medium_kind="medium", medium=self.medium, protection="encrypted",
            destination="市民会館", purpose="meeting", taken_out_on=date(2026, 11, 10),
            planned_return=date(2026, 11, 10))

    @cached_property
    def campaign(self):
        campaign = inspections.campaign_create(actor=self.user("chief"), kind=Campaign.Kind.MONTHLY, year=2026,
                                               month=11, units=[self.town.citizens])
        SurveyQuestion.objects.create(campaign=campaign, order=1, number="1", heading="", text="研修を受けましたか",
                                      kind=SurveyQuestion.Kind.SINGLE, choices=["はい", "いいえ"])
        return campaign

    @cached_property
    def response(self):
        return self.campaign.responses.get()

    def answer_all(self, actor, *, first_ng: bool = False):
        """Answer every row (the first with a × when asked); returns the saved response's state."""
        rows = inspections.response_items(self.response)
        answers = {key: ("○", "") for key, _item in rows}
        actions = {}
        if first_ng:
            answers[rows[0][0]] = ("×", "")
            actions[rows[0][0]] = inspections.ActionInput("鍵の管理簿を作る", self.town.people["officer"],
                                                          date(2026, 12, 25))
        survey = {self.campaign.questions.get().pk: (["はい"], "")}
        inspections.response_save(actor=actor, response=self.response, answers=answers, actions=actions,
                                  survey=survey)
        return self.response


def _template(world):
    in_use = inspections.template_in_use("nagoya-monthly")
    return inspections.template_revise(actor=world.user("chief"), template=in_use), world.user("chief")


def _checklist_item(world):
    draft, _ = _template(world)
    return draft.items.first(), world.user("chief")  # copied in bulk, each with its history row


def _sheet(world):
    sheet = checklists.sheet_create(checklists.template_in_use("contract_precheck"), actor=world.user("officer"),
                                    reason="契約前確認の開始")
    item = sheet.template.items.get(number="1")
    checklists.sheet_save(sheet, checklists.sheet_form(sheet, {f"a{item.pk}": "ng"}), actor=world.user("officer"))
    return sheet, item


def _answer_sheet(world):
    sheet, _item = _sheet(world)
    return checklists.sheet_submit(sheet, actor=world.user("officer")), world.user("officer")


def _sheet_answer(world):
    sheet, item = _sheet(world)
    return sheet.answers.get(item=item), world.user("officer")


def _answer(world):
    return world.answer_all(world.user("officer")).answers.first(), world.user("officer")


def _survey_answer(world):
    return world.answer_all(world.user("staff")).survey_answers.get(), world.user("staff")


def _corrective_action(world):
    return world.answer_all(world.user("officer"), first_ng=True).actions.get(), world.user("officer")


def _request_unit(world):
    request = disclosures.request_update(actor=world.user("chief"), request=world.request,
                                         units=[world.town.citizens, world.town.pension])
    return request.units.get(unit=world.town.pension), world.user("chief")


def _data_item(world):
    # The catalogue is kept in the admin (SimpleHistoryAdmin); its marks decide the PPC report.
    item = world.items["氏名"]
    client = world.admin_client
    data = {"name": item.name, "order": item.order, "active": "on", "sensitive": "on"}
    response = client.post(f"/django-admin/incidents/dataitem/{item.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return item, world.user("admin")


WRITERS = {
    "audits.FindingSource": lambda w: (w.finding_source, w.user("chief")),
    "audits.AuditPlan": lambda w: (audits_visits.plan_save(actor=w.user("auditor"), fiscal_year=2026, kind="internal",
                                                           title="令和8年度 監査", units=[w.town.citizens]),
                                   w.user("auditor")),
    "audits.FieldVisit": lambda w: (w.visit, w.user("auditor")),
    "audits.GoodPractice": lambda w: (audits_visits.practice_add(actor=w.user("auditor"), visit=w.visit,
                                                                 category="その他", text="読み合わせ"),
                                      w.user("auditor")),
    "audits.Finding": lambda w: (w.finding, w.user("auditor")),
    "audits.FindingProgress": lambda w: (audits.progress_add(actor=w.user("officer"), finding=w.finding,
                                                             recorded_on=date(2026, 10, 1), text="運用を制定した"),
                                         w.user("officer")),
    "accounts.ApiToken": lambda w: (token_issue(actor=w.user("staff"), user=w.user("staff"), name="連携")[0],
                                    w.user("staff")),
    "org.Organ": lambda w: (org.organ_create(actor=w.user("admin"), code="board", name="選挙管理委員会"),
                            w.user("admin")),
    "org.OrgUnit": lambda w: (org.unit_create(actor=w.user("admin"), organ=w.town.mayor, code="213", name="戸籍課",
                                              kind=UnitKind.SECTION, valid_from=date(2026, 4, 1),
                                              parent=w.town.citizens_dept), w.user("admin")),
    "org.Person": lambda w: (org.person_update(actor=w.user("admin"), person=w.town.people["staff"],
                                               name_kana="たんとう しろう"), w.user("admin")),
    "org.Assignment": lambda w: (org.assignment_start(actor=w.user("admin"), person=w.town.people["staff"],
                                                      unit=w.town.pension, role=Role.STAFF,
                                                      start=date(2026, 4, 1)), w.user("admin")),
    "registers.HandlingAffair": lambda w: (w.affair, w.user("officer")),
    "registers.AffairEvent": lambda w: (w.affair.events.get(), w.user("officer")),
    "registers.PersonalInfoFile": lambda w: (registers.file_update(actor=w.user("staff"), file=w.specific_file,
                                                                   handling_affairs=[w.affair]), w.user("staff")),
    "registers.PIA": lambda w: (w.pia, w.user("officer")),
    "registers.EvaluationDocument": lambda w: (w.evaluation_document, w.user("officer")),
    "registers.EvaluationVersion": lambda w: (w.evaluation_document.versions.get(), w.user("officer")),
    "registers.EvaluationRound": lambda w: (w.evaluation_round, w.user("officer")),
    "registers.EvaluationChange": lambda w: (w.evaluation_round.changes.get(), w.user("officer")),
    "registers.CouncilMeeting": lambda w: (w.council_meeting, w.user("chief")),
    "registers.CouncilAgendaItem": lambda w: (registers_evaluation.agenda_item_save(
        actor=w.user("chief"), meeting=w.council_meeting, number=1, kind="consultation", title="再実施について",
        subject="evaluation", evaluation=w.evaluation_round), w.user("chief")),
    "registers.PIAChange": lambda w: (registers.pia_change_record(actor=w.user("officer"), pia=w.pia,
                                                                  description="システム更改",
                                                                  planned_on=date(2027, 1, 4)), w.user("officer")),
    "outsourcing.Contract": lambda w: (outsourcing.contract_save(
        actor=w.user("chief"), title="窓口業務委託", unit=w.town.citizens, contractor_name="株式会社サンプル情報",
        period_start=date(2025, 4, 1), period_end=date(2027, 3, 31),
        contractor_people=[w.town.people["contractor"]]), w.user("chief")),
    "outsourcing.Company": lambda w: (outsourcing.company_save(
        actor=w.user("officer"), name="株式会社番号確認", corporate_number="5835678256246"), w.user("officer")),
    "outsourcing.ContractorReport": lambda w: (filings.report_start(actor=w.user("contractor"), contract=w.contract),
                                               w.user("contractor")),
    "outsourcing.Subcontract": lambda w: (filings.subcontract_apply(
        actor=w.user("contractor"), contract=w.contract, company_name="再委託株式会社", reason="繁忙期の入力",
        work="データ入力", information="氏名、住所", safeguards="ISMS認証", supervision="月次の報告"),
        w.user("contractor")),
    "outsourcing.DeletionReport": lambda w: (filings.deletion_report_file(
        actor=w.user("contractor"), contract=w.contract, name="住民票交付データ", medium="サーバーのディスク",
        quantity="2台", method="erasure", done_on=date(2026, 4, 10), person_in_charge="受託 六子",
        certificate=SimpleUploadedFile("証明書.pdf", b"%PDF-1.4 certificate")), w.user("contractor")),
    "outsourcing.ContractorYearlyCount": lambda w: (filings.yearly_count_save(
        actor=w.user("contractor"), contract=w.contract, fiscal_year=2025, takeouts=3, home_takeouts=0, copies=1),
        w.user("contractor")),
    "outsourcing.ContractInspection": lambda w: (contract_inspections.inspection_add(
        actor=w.user("officer"), contract=w.contract, due_on=date(2025, 10, 31)), w.user("officer")),
    "outsourcing.ImprovementReport": lambda w: _improvement_report(w),
    "purpose_uses.OutOfPurposeUse": lambda w: (purpose_uses.use_save(
        actor=w.user("staff"), kind="use", organ=w.town.mayor, unit=w.town.citizens, used_on=date(2026, 11, 2),
        file_or_affair_name="住民基本台帳", recipient="高齢福祉課", purpose="安否確認", basis="internal",
        basis_reason="独居高齢者の安否確認", no_unfair_harm=True), w.user("staff")),
    "disclosures.DataSubjectRequest": lambda w: (w.request, w.user("chief")),
    "disclosures.RequestUnit": _request_unit,
    "disclosures.Correction": lambda w: (disclosures.correction_request(
        actor=w.user("chief"), request=w.request, requested_on=date(2026, 11, 5), content="対象の特定"),
        w.user("chief")),
    "disclosures.Hearing": lambda w: (disclosures.hearing_add(actor=w.user("officer"), request=w.request,
                                                              third_party="第三者A", sent_on=date(2026, 11, 6)),
                                      w.user("officer")),
    "disclosures.Decision": lambda w: (w.decision, w.user("officer")),
    "disclosures.Appeal": lambda w: (disclosures.appeal_save(actor=w.user("chief"), request=w.request,
                                                             decision=w.decision, filed_on=date(2026, 12, 1)),
                                     w.user("chief")),
    "incidents.DataItem": _data_item,
    "incidents.Incident": lambda w: (incidents.incident_update(actor=w.user("officer"), incident=w.incident,
                                                               data_items=[w.items["氏名"], w.items["住所"]]),
                                     w.user("officer")),
    "incidents.PreventiveMeasure": lambda w: (incidents.measure_save(
        actor=w.user("officer"), incident=w.incident, description="二人で確認する", due_date=date(2025, 8, 1)),
        w.user("officer")),
    "incidents.PpcReport": lambda w: (_ppc_report(w), w.user("chief")),
    "incidents.NearMiss": lambda w: (incidents.near_miss_create(
        actor=w.user("staff"), title="宛名の貼り間違い", occurred_on=date(2025, 6, 1), description="発送前に気付いた"),
        w.user("staff")),
    "checklists.ChecklistTemplate": _template,
    "checklists.ChecklistItem": _checklist_item,
    "checklists.AnswerSheet": _answer_sheet,
    "checklists.SheetAnswer": _sheet_answer,
    "training.Course": lambda w: (w.course, w.user("chief")),
    "training.Session": lambda w: (training.session_save(actor=w.user("chief"), course=w.course,
                                                         held_on=date(2026, 7, 1), place="本庁舎会議室", capacity=50),
                                   w.user("chief")),
    "training.Attendance": lambda w: (training.attendance_record(
        actor=w.user("officer"), course=w.course, person=w.town.people["staff"], attended_on=date(2026, 7, 1),
        source="section_head"), w.user("officer")),
    "training.TransmissionReport": lambda w: (training.transmission_report_save(
        actor=w.user("officer"), course=w.course, unit=w.town.citizens, status="all", how="課内会議で説明"),
        w.user("officer")),
    "mynumber.Designation": lambda w: (mynumber.designation_create(
        actor=w.user("officer"), person=w.town.people["staff"], unit=w.town.citizens, start=date(2026, 4, 1)),
        w.user("officer")),
    "mynumber.LedgerEntry": lambda w: (mynumber.ledger_record(
        actor=w.user("staff"), file=w.specific_file, handled_on=date(2026, 4, 1), kind="provide", count=2,
        purpose="地方税の賦課", recipient="○○市税務課", handler=w.town.people["staff"]), w.user("staff")),
    "inspections.SectionItem": lambda w: (inspections.section_item_add(actor=w.user("officer"), unit=w.town.citizens,
                                                                       number="101", text="窓口の施錠"),
                                          w.user("officer")),
    "inspections.Campaign": lambda w: (w.campaign, w.user("chief")),
    "inspections.InspectionResponse": lambda w: (inspections.response_save(
        actor=w.user("officer"), response=w.response, answers={}), w.user("officer")),
    "inspections.Answer": _answer,
    "inspections.SurveyAnswer": _survey_answer,
    "inspections.CorrectiveAction": _corrective_action,
    "org.Leave": lambda w: (org.leave_record(actor=w.user("admin"), person=w.town.people["officer"], kind="sick",
                                             start=date(2026, 6, 1), end=date(2026, 8, 31)), w.user("admin")),
    "assets.InfoSystem": lambda w: (w.system, w.user("officer")),
    "assets.SystemAccount": lambda w: (w.account, w.user("officer")),
    "assets.AccessReview": lambda w: (assets_reviews.review_resolve(
        actor=w.user("officer"), review=w.access_review, outcome="disabled", disabled_on=date(2026, 5, 7)),
        w.user("officer")),
    "assets.AccountStocktake": lambda w: (w.stocktake, w.user("officer")),
    "assets.StocktakeLine": lambda w: (assets.stocktake_line_decide(
        actor=w.user("staff"), line=w.stocktake.lines.get(), decision="confirm"), w.user("staff")),
    "assets.LogAnalysis": lambda w: (assets.log_analysis_record(
        actor=w.user("staff"), system=w.system, analysed_on=date(2026, 5, 1), analysed_by=w.town.people["staff"],
        scope="業務時間外の照会"), w.user("staff")),
    "scanner.PathRule": lambda w: (scanner.path_rule_save(actor=w.user("chief"), prefix="/srv/share/shimin/",
                                                          unit=w.town.citizens), w.user("chief")),
    "scanner.ScanRun": lambda w: (scanner.run_record(actor=w.user("chief"), host="fs01", roots=["/srv/share"],
                                                     files=[], summary={}), w.user("chief")),
    "assets.RemovableMedium": lambda w: (w.medium, w.user("officer")),
    "assets.MediumStocktake": lambda w: (w.media_stocktake, w.user("staff")),
    "assets.MediumCheck": lambda w: (w.media_stocktake.checks.get(), w.user("staff")),
    "assets.SystemReview": lambda w: (w.security_review, w.user("chief")),
    "assets.TakeOut": lambda w: (assets_media.takeout_approve(actor=w.user("officer"), takeout=w.takeout),
                                 w.user("officer")),
}


def _ppc_report(w):
    incidents.incident_update(actor=w.user("chief"), incident=w.incident, preliminary_reported_on=date(2025, 6, 4))
    return w.incident.ppc_reports.get()


def _improvement_report(w):
    """An on-site inspection recorded with a 否, its result confirmed: the improvement report is requested."""
    from django.utils.datastructures import MultiValueDict

    officer = w.user("officer")
    inspection = contract_inspections.inspection_add(actor=officer, contract=w.contract, due_on=date(2025, 10, 31))
    sheet = contract_inspections._sheet(inspection, officer)
    data = {f"a{item.pk}": ["ng" if item.number == "5" else "ok"] for item in sheet.template.items.all()}
    contract_inspections.inspection_save(actor=officer, inspection=inspection, contractor=False, inspector="課長",
                                         inspected_on=date(2025, 9, 1),
                                         sheet_form=checklists.sheet_form(sheet, MultiValueDict(data)))
    contract_inspections.inspection_submit(actor=officer, inspection=inspection, contractor=False)
    contract_inspections.inspection_complete(actor=officer, inspection=inspection)
    return inspection.improvements.get(), officer


def history_models() -> list[str]:
    return sorted(model._meta.label for model in registered_models.values()
                  if hasattr(model, "history") and not model._meta.auto_created)


def test_every_model_with_history_has_a_service_in_the_table():
    missing = sorted(set(history_models()) - set(WRITERS))
    assert not missing, f"add the service that writes these to WRITERS: {missing}"
    assert not set(WRITERS) - set(history_models()), "WRITERS names a model that keeps no history"


@pytest.mark.parametrize("label", sorted(WRITERS))
def test_the_service_leaves_a_history_row_naming_the_actor_and_why(town, client_for, label):
    world = World(town)
    world.admin_client = client_for("admin")
    record, actor = WRITERS[label](world)
    assert record._meta.label == label
    row = record.history.order_by("-history_date", "-history_id").first()
    assert row is not None, f"{label}: no history row"
    assert row.history_user == actor, f"{label}: history names {row.history_user}, not {actor}"
    assert row.history_change_reason, f"{label}: the history row says no reason"
