"""The checklist engine as an owner module uses it: forms, answers, the workflow, history, failing items."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hogokan.checklists import api, services
from hogokan.checklists.models import AnswerSheet, ChecklistTemplate, SheetAnswer
from hogokan.core.permissions import CHANGE, VIEW, restrict
from hogokan.core.services import attachments_of
from hogokan.org.access import actor_for

from .conftest import answers, field

ALL_YES = {str(number): "ok" for number in range(1, 8)}
ALL_TEKI = {str(number): "ok" for number in range(3, 11)}


def new_sheet(template, town, who="officer"):
    return api.sheet_create(template, actor=town.user(who), reason="テスト")


def fill(sheet, data, town, who="officer", files=None, partial=False):
    form = api.sheet_form(sheet, data, files, partial=partial)
    assert form.is_valid(), form.errors
    return api.sheet_save(sheet, form, actor=town.user(who))


# ---- the default forms ---------------------------------------------------------------------------

def test_default_contractor_forms_are_in_use_with_the_seed_wording(precheck, onsite, document):
    assert precheck.name == "個人情報の取扱いの委託に係るチェックリスト"
    assert precheck.items.count() == 7 and precheck.marks == "yesno"
    assert list(precheck.items.values_list("number", flat=True)) == [str(n) for n in range(1, 8)]
    first = precheck.items.get(number="1")
    assert first.text == "当該委託において，個人情報を取り扱いますか。" and first.ends_sheet_on == api.NG
    for template in (onsite, document):
        assert template.marks == "tekihi" and template.items.count() == 8
        assert [o for o in template.items.get(number="4").options()] == [("ok", "適"), ("ng", "否")]
    assert "実地検査" in onsite.name and "書面検査" in document.name
    assert document.evidence and not onsite.evidence


def test_template_in_use_by_purpose_or_family(precheck):
    assert api.template_in_use("contract_precheck") == precheck
    assert api.template_in_use("yachiyo-contract-precheck") == precheck
    assert api.template_in_use("audit_survey") is None
    assert api.template_in_use("nagoya-monthly").purpose == "self_inspection"


def test_loading_the_defaults_again_changes_nothing(precheck):
    from hogokan.checklists import defaults

    assert defaults.load() == 0
    assert ChecklistTemplate.objects.filter(family=defaults.PRECHECK_FAMILY).count() == 1


def test_a_sheet_needs_a_template_in_use(town, precheck):
    draft = services.template_revise(actor=town.user("chief"), template=precheck)
    with pytest.raises(ValidationError, match="使用中の様式ではない"):
        api.sheet_create(draft, actor=town.user("officer"), reason="テスト")
    assert not AnswerSheet.objects.exists()


# ---- the form ------------------------------------------------------------------------------------

def test_required_items_are_named_in_japanese_and_nothing_is_written(town, onsite):
    sheet = new_sheet(onsite, town)
    form = api.sheet_form(sheet, answers(onsite, **{"3": "ok"}))
    assert not form.is_valid()
    assert form.errors[field(onsite, "4")] == ["項目4に回答してください。"]
    assert field(onsite, "3") not in form.errors
    with pytest.raises(ValidationError):
        api.sheet_save(sheet, form, actor=town.user("officer"))
    assert not SheetAnswer.objects.exists()


def test_a_partial_form_saves_a_draft_but_submit_names_what_is_missing(town, onsite):
    sheet = new_sheet(onsite, town)
    fill(sheet, answers(onsite, **{"3": "ok", "4": "ng"}), town, partial=True)
    assert sheet.answers.count() == 2
    with pytest.raises(ValidationError) as refused:
        api.sheet_submit(sheet, actor=town.user("officer"))
    assert "未回答の必須項目があります: 項目5、項目6、項目7、項目8、項目9、項目10" in refused.value.messages[0]
    sheet.refresh_from_db()
    assert sheet.status == AnswerSheet.Status.DRAFT


def test_marks_outside_the_set_are_refused(town, onsite, precheck):
    sheet = new_sheet(onsite, town)
    form = api.sheet_form(sheet, answers(onsite, **{**ALL_TEKI, "3": "maybe", "4": "na"}))
    assert not form.is_valid()
    assert form.errors[field(onsite, "3")] == ["項目3の回答「maybe」は選べません（適・否のいずれか）。"]
    assert form.errors[field(onsite, "4")] == ["項目4の回答「na」は選べません（適・否のいずれか）。"]
    # 資料2 №3 may be 該当なし (the seed prints it there), №2 may not
    check = new_sheet(precheck, town)
    assert api.sheet_form(check, answers(precheck, **{**ALL_YES, "3": "na"})).is_valid()
    assert not api.sheet_form(check, answers(precheck, **{**ALL_YES, "2": "na"})).is_valid()


def test_remark_over_500_is_refused_never_cut(town, onsite):
    sheet = new_sheet(onsite, town)
    form = api.sheet_form(sheet, answers(onsite, **{**ALL_TEKI, "3_remark": "あ" * 501}))
    assert not form.is_valid()
    assert form.errors[field(onsite, "3") + "_remark"] == [
        "項目3の備考は500文字以内で入力してください（501文字入力されています）。"]
    assert not SheetAnswer.objects.exists()
    fill(sheet, answers(onsite, **{**ALL_TEKI, "3_remark": "い" * 500}), town)
    assert sheet.answers.get(item__number="3").remark == "い" * 500
    assert "maxlength" not in str(api.sheet_form(sheet)[field(onsite, "3") + "_remark"])


def test_no_on_item_1_ends_the_precheck_and_is_not_a_failure(town, precheck):
    sheet = new_sheet(precheck, town)
    form = api.sheet_form(sheet, answers(precheck, **{"1": "ng"}))
    assert form.is_valid(), form.errors
    api.sheet_save(sheet, form, actor=town.user("officer"))
    api.sheet_submit(sheet, actor=town.user("officer"))
    assert api.failing_items(sheet) == []
    view = api.sheet_view(sheet)
    assert view.rows[0].answer == "いいえ" and all(row.skipped for row in view.rows[1:])


def test_failing_items_are_the_no_answers(town, precheck, onsite):
    sheet = new_sheet(precheck, town)
    fill(sheet, answers(precheck, **{**ALL_YES, "2": "ng", "6": "ng"}), town)
    assert [answer.item.number for answer in api.failing_items(sheet)] == ["2", "6"]
    inspection = new_sheet(onsite, town)
    fill(inspection, answers(onsite, **{**ALL_TEKI, "8": "ng"}), town)
    assert [answer.item.number for answer in api.failing_items(inspection)] == ["8"]


def test_choices_numbers_and_texts(town, survey):
    sheet = new_sheet(survey, town)
    bad = api.sheet_form(sheet, answers(survey, **{"1": "9", "2": ["1", "7"], "3": "-1"}))
    assert not bad.is_valid()
    assert bad.errors[field(survey, "1")] == ["項目1の回答「9」は選べません（ある・ないのいずれか）。"]
    assert bad.errors[field(survey, "2")] == ["項目2の選択肢「7」はありません。"]
    assert bad.errors[field(survey, "3")] == ["項目3は0以上1,000,000,000,000以下の整数で入力してください。"]
    assert api.sheet_form(sheet, answers(survey, **{"1": "1", "3": "abc"})).errors[field(survey, "3")] == [
        "項目3は0以上1,000,000,000,000以下の整数で入力してください。"]
    fill(sheet, answers(survey, **{"1": "2", "2": ["3", "1"], "3": "12", "4": "二人で確認"}), town)
    stored = {answer.item.number: answer for answer in sheet.answers.select_related("item")}
    assert stored["1"].value == "2" and stored["2"].selected == ["1", "3"]  # in the template's order
    assert stored["3"].number == 12 and stored["4"].text == "二人で確認"
    shown = [row.answer for row in api.sheet_view(sheet).rows]
    assert shown == ["ない", "郵送、FAX", "12", "二人で確認"]


def test_item_choices_are_checked(town):
    chief = town.user("chief")
    draft = services.template_revise(actor=chief, template=api.template_in_use("contractor_onsite"))
    with pytest.raises(ValidationError, match="選択肢を1つ以上"):
        services.template_item_save(actor=chief, template=draft, number="11", text="?",
                                    answer_kind=api.AnswerKind.SINGLE, choices=[])
    with pytest.raises(ValidationError, match="重複"):
        services.template_item_save(actor=chief, template=draft, number="11", text="?",
                                    answer_kind=api.AnswerKind.SINGLE,
                                    choices=[{"code": "1", "label": "a"}, {"code": "1", "label": "b"}])


# ---- the workflow and its history ----------------------------------------------------------------

def test_submit_confirm_and_the_history(town, precheck):
    officer, legal = town.user("officer"), town.user("chief")
    sheet = new_sheet(precheck, town)
    fill(sheet, answers(precheck, **ALL_YES), town)
    api.sheet_submit(sheet, actor=officer)
    assert sheet.submitted_by == officer and sheet.submitted_at is not None
    with pytest.raises(ValidationError, match="『提出済み』のため、変更できません"):
        fill(sheet, answers(precheck, **{**ALL_YES, "2": "ng"}), town)
    assert not api.is_confirmed(sheet)
    api.sheet_confirm(sheet, actor=legal)
    assert api.is_confirmed(sheet) and sheet.confirmed_by == legal
    rows = list(sheet.history.order_by("history_date", "history_id").values_list("history_change_reason",
                                                                                 "history_user"))
    assert rows == [("テスト", officer.pk), ("提出", officer.pk), ("確認", legal.pk)]
    with pytest.raises(ValidationError, match="『確認済み』のため、差し戻せません"):
        api.sheet_return(sheet, actor=legal, reason="やり直し")


def test_return_needs_a_reason_then_the_answerer_corrects_and_submits_again(town, precheck):
    officer, legal = town.user("officer"), town.user("chief")
    sheet = new_sheet(precheck, town)
    fill(sheet, answers(precheck, **ALL_YES), town)
    with pytest.raises(ValidationError, match="『記入中』のため、確認できません"):
        api.sheet_confirm(sheet, actor=legal)
    api.sheet_submit(sheet, actor=officer)
    with pytest.raises(ValidationError) as refused:
        api.sheet_return(sheet, actor=legal, reason="  ")
    assert refused.value.message_dict == {"reason": ["差し戻す理由を入力してください。"]}
    sheet.refresh_from_db()
    assert sheet.status == AnswerSheet.Status.SUBMITTED
    api.sheet_return(sheet, actor=legal, reason="№3の範囲を確認してください")
    assert sheet.status == AnswerSheet.Status.RETURNED and sheet.return_reason == "№3の範囲を確認してください"
    fill(sheet, answers(precheck, **{**ALL_YES, "3": "na", "3_remark": "委託する個人情報なし"}), town)
    answer = sheet.answers.get(item__number="3")
    assert list(answer.history.values_list("history_change_reason", flat=True)) == [
        "差戻し後の回答の修正", "回答の記入"]
    assert answer.history.first().history_user == officer
    api.sheet_submit(sheet, actor=officer)
    assert sheet.status == AnswerSheet.Status.SUBMITTED and sheet.return_reason == ""
    assert sheet.history.filter(history_change_reason="差戻し: №3の範囲を確認してください",
                                history_user=legal).exists()


def test_an_owner_check_can_refuse_the_submit(town, precheck):
    sheet = new_sheet(precheck, town)
    fill(sheet, answers(precheck, **ALL_YES), town)

    def contract_named(_sheet):
        raise ValidationError("案件名を入力してから提出してください。")

    with pytest.raises(ValidationError, match="案件名"):
        api.sheet_submit(sheet, actor=town.user("officer"), check=contract_named)
    sheet.refresh_from_db()
    assert sheet.status == AnswerSheet.Status.DRAFT


def test_unchanged_answers_write_no_history(town, onsite):
    sheet = new_sheet(onsite, town)
    fill(sheet, answers(onsite, **ALL_TEKI), town)
    fill(sheet, answers(onsite, **ALL_TEKI), town)
    assert SheetAnswer.history.count() == 8


# ---- evidence ------------------------------------------------------------------------------------

def test_evidence_files_attach_to_the_answer(town, document):
    sheet = new_sheet(document, town, who="contractor")
    upload = SimpleUploadedFile("教育記録.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    fill(sheet, answers(document, **ALL_TEKI), town, who="contractor",
         files={field(document, "9") + "_evidence": upload})
    answer = sheet.answers.get(item__number="9")
    assert [a.original_name for a in attachments_of(answer)] == ["教育記録.pdf"]
    view = api.sheet_view(sheet)
    assert view.show_files and [a.original_name for a in view.rows[6].attachments] == ["教育記録.pdf"]


def test_a_refused_evidence_file_writes_nothing(town, document):
    sheet = new_sheet(document, town, who="contractor")
    upload = SimpleUploadedFile("tool.exe", b"MZ", content_type="application/octet-stream")
    form = api.sheet_form(sheet, answers(document, **ALL_TEKI), {field(document, "9") + "_evidence": upload})
    assert form.is_valid()
    with pytest.raises(ValidationError) as refused:
        api.sheet_save(sheet, form, actor=town.user("contractor"))
    assert "この種類のファイルは添付できません" in refused.value.message_dict[field(document, "9") + "_evidence"][0]
    assert not SheetAnswer.objects.exists()


# ---- scoping ---------------------------------------------------------------------------------------

def test_sheets_are_reached_only_through_an_owner(town, precheck):
    new_sheet(precheck, town)
    for who in ("chief", "admin", "officer", "auditor"):
        actor = actor_for(town.user(who))
        assert not restrict(AnswerSheet.objects.all(), actor, VIEW).exists()
        assert not restrict(SheetAnswer.objects.all(), actor, CHANGE).exists()


def test_templates_are_read_by_staff_and_managed_by_the_chief(town, precheck):
    assert restrict(ChecklistTemplate.objects.filter(pk=precheck.pk), actor_for(town.user("staff")), VIEW).exists()
    assert not restrict(ChecklistTemplate.objects.all(), actor_for(town.user("contractor")), VIEW).exists()
    assert restrict(ChecklistTemplate.objects.all(), actor_for(town.user("chief")), CHANGE).exists()
    assert not restrict(ChecklistTemplate.objects.all(), actor_for(town.user("officer")), CHANGE).exists()


def test_a_self_inspection_campaign_cannot_use_a_contractor_form(town, onsite):
    from hogokan.inspections import services as inspections
    from hogokan.inspections.models import Campaign

    with pytest.raises(ValidationError) as refused:
        inspections.campaign_create(actor=town.user("chief"), kind=Campaign.Kind.ADHOC, year=2026, month=11,
                                    template=onsite, units=[town.citizens])
    assert refused.value.message_dict == {"template": ["点検（自己点検）の様式を選んでください。"]}
    assert not Campaign.objects.exists()


def test_an_owner_must_relate_to_the_sheet(db):
    from django.core.exceptions import ImproperlyConfigured

    from hogokan.inspections.models import Campaign

    with pytest.raises(ImproperlyConfigured, match="not a relation to AnswerSheet"):
        api.register_sheet_owner(Campaign, "template")
