"""評価書 and their (re-)evaluation (issue 22 §3): the 公表 rule, the 変更箇所 table, pages and scoping, the 諮問 paper."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from hogokan.registers import rules, services, services_evaluation
from hogokan.registers.models import EvaluationChange, EvaluationRound, PIAChange
from hogokan.registers.services_evaluation import ChangeRow

from ..conftest import assert_statuses
from .conftest import file_data

CLOUD = "地方公共団体の基幹業務システムの統一・標準化に伴う特定個人情報保護評価の再実施について"


# ---- the rule (pure) ------------------------------------------------------------------------------

FULL, PRIORITY = [rules.DOCUMENT_FULL], [rules.DOCUMENT_PRIORITY]


@pytest.mark.parametrize(("kinds", "consulted", "answered", "published", "reason", "office", "error"), [
    # 指針 第7 1(2): a 全項目評価書 is published after the 第三者点検's 答申 …
    (FULL, date(2025, 2, 21), date(2025, 3, 17), date(2025, 3, 31), "", False, None),
    (FULL, date(2025, 2, 21), date(2025, 3, 17), date(2025, 3, 17), "", False, None),  # the day of the 答申
    (FULL, date(2025, 2, 21), None, date(2025, 3, 31), "", False, "published_on"),  # no 答申 yet
    (FULL, None, None, date(2025, 3, 31), "", False, "published_on"),  # not even consulted
    (FULL, date(2025, 2, 21), date(2025, 3, 17), date(2025, 3, 16), "", False, "published_on"),  # before the 答申
    # … unless the office records why
    (FULL, date(2025, 2, 21), None, date(2025, 3, 31), "法定の期限が審議会の開催より前のため", True, None),
    (FULL, date(2025, 2, 21), None, date(2025, 3, 31), "法定の期限が審議会の開催より前のため", False,
     "early_publication_reason"),
    (FULL, date(2025, 2, 21), None, date(2025, 3, 31), "   ", True, "published_on"),  # a blank reason is none
    # 基礎項目・重点項目: no 答申 needed (箕面市 consults on its 重点項目評価書 anyway)
    (PRIORITY, None, None, date(2025, 3, 31), "", False, None),
    (PRIORITY, date(2025, 2, 21), None, date(2025, 3, 31), "", False, None),
    (PRIORITY + FULL, date(2025, 2, 21), None, date(2025, 3, 31), "", False, "published_on"),  # one full is enough
    # the dates in order
    (PRIORITY, date(2025, 3, 17), date(2025, 2, 21), date(2025, 3, 31), "", False, "answered_on"),
    (PRIORITY, None, date(2025, 2, 21), date(2025, 3, 31), "", False, "consulted_on"),
    (PRIORITY, None, None, None, "", False, "published_on"),
])
def test_publication_rule(kinds, consulted, answered, published, reason, office, error):
    errors = rules.publication_errors(document_kinds=kinds, published_on=published, consulted_on=consulted,
                                      answered_on=answered, early_reason=reason, by_office=office)
    if error is None:
        assert errors == {}
    else:
        assert error in errors
        assert all(message.endswith("。") for message in errors.values())  # Japanese sentences


def test_rule_message_names_the_third_party_review():
    errors = rules.publication_errors(document_kinds=FULL, published_on=date(2025, 3, 31),
                                      consulted_on=date(2025, 2, 21), answered_on=None)
    assert "第三者点検" in errors["published_on"] and "理由" in errors["published_on"]


# ---- fixtures -------------------------------------------------------------------------------------

@pytest.fixture
def pia(town, chief):
    file = services.file_load_published(actor=chief, on=date(2022, 4, 1),
                                        **file_data(town, name="住民基本台帳ファイル", is_specific=True))
    return services.pia_save(actor=town.user("officer"), file=file, persons=380_000, handlers=620,
                             serious_accident=False, published_on=date(2022, 6, 1))


@pytest.fixture
def documents(town, pia):
    officer = town.user("officer")
    priority = services_evaluation.document_save(actor=officer, pia=pia, number="1", name="住民基本台帳に関する事務",
                                                 kind="priority", published_on=date(2022, 6, 1))
    full = services_evaluation.document_save(actor=officer, pia=pia, number="2", name="住民基本台帳に関する事務",
                                             kind="full", published_on=date(2022, 6, 1))
    return priority, full


ROWS = [ChangeRow("Ⅱ 特定個人情報ファイルの概要\n６．特定個人情報の保管・消去 保管場所",
                  "外部データセンターに設置・保管している。", "ガバメントクラウドにおける措置を講じる。"),
        ChangeRow("Ⅲ リスク対策 １０．その他のリスク対策", "", "ISMAP のリストに登録されたクラウドサービスから調達する。")]


def _round(town, documents, rows=ROWS, **overrides):
    data = dict(actor=town.user("officer"), kind="re", title=CLOUD, unit=town.citizens,
                reason="ガバメントクラウドでの運用となるため、評価書の再実施を行うもの。", planned_on=date(2025, 4, 1),
                documents=documents, changes=rows)
    data.update(overrides)
    return services_evaluation.round_save(**data)


# ---- services -------------------------------------------------------------------------------------

def test_document_registered_with_its_first_version(documents):
    priority, _full = documents
    assert priority.title == "住民基本台帳に関する事務 重点項目評価書"
    assert [(v.number, v.published_on) for v in priority.versions.all()] == [(1, date(2022, 6, 1))]


def test_document_number_is_unique(town, pia, documents):
    with pytest.raises(ValidationError) as error:
        services_evaluation.document_save(actor=town.user("officer"), pia=pia, number="1", name="別の事務",
                                          kind="basic")
    assert "評価書番号「1」" in str(error.value)


def test_change_table_is_saved_in_order_and_replaced(town, documents):
    round = _round(town, [documents[0]])
    assert list(round.changes.values_list("position", "item", "before", "after")) == [
        (1, ROWS[0].item, ROWS[0].before, ROWS[0].after), (2, ROWS[1].item, "", ROWS[1].after)]
    # editing: the first row changed, the second removed, blank rows ignored
    services_evaluation.round_save(actor=town.user("officer"), round=round, kind="re", title=CLOUD, unit=town.citizens,
                                   reason=round.reason, planned_on=round.planned_on, documents=[documents[0]],
                                   changes=[ChangeRow("保管場所", "データセンター", "クラウド"), ChangeRow("", " ", "")])
    assert list(round.changes.values_list("item", "after")) == [("保管場所", "クラウド")]
    assert EvaluationChange.history.filter(history_type="-").count() == 1  # the removal is in the history


def test_reevaluation_needs_a_change_row_and_documents(town, documents):
    with pytest.raises(ValidationError) as error:
        _round(town, [], rows=[])
    assert set(error.value.message_dict) == {"documents", "changes"}
    with pytest.raises(ValidationError) as error:
        _round(town, [documents[0]], rows=[ChangeRow("保管場所", "前", "")])
    assert "変更後の記載" in error.value.message_dict["changes"][0]
    assert not EvaluationRound.objects.exists()  # nothing half-saved


def test_answer_before_consultation_refused(town, documents):
    with pytest.raises(ValidationError) as error:
        _round(town, [documents[0]], consulted_on=date(2025, 3, 17), answered_on=date(2025, 2, 21))
    assert "答申日は諮問日以後" in error.value.message_dict["answered_on"][0]


def test_full_document_not_published_before_the_answer(town, documents):
    round = _round(town, list(documents), consulted_on=date(2025, 2, 21))
    with pytest.raises(ValidationError) as error:
        services_evaluation.round_publish(actor=town.user("officer"), round=round, published_on=date(2025, 3, 1))
    assert "第三者点検" in error.value.message_dict["published_on"][0]
    # a reason from someone else than the office is not enough
    with pytest.raises(ValidationError) as error:
        services_evaluation.round_publish(actor=town.user("officer"), round=round, published_on=date(2025, 3, 1),
                                          early_reason="期限のため", by_office=False)
    assert "事務局" in error.value.message_dict["early_publication_reason"][0]
    round.refresh_from_db()
    assert round.status == EvaluationRound.Status.DRAFT and not round.versions.exists()
    # the office records why: published
    services_evaluation.round_publish(actor=town.user("chief"), round=round, published_on=date(2025, 3, 1),
                                      early_reason="法定の期限が審議会の開催より前のため", by_office=True)
    round.refresh_from_db()
    assert round.status == EvaluationRound.Status.PUBLISHED
    assert round.early_publication_reason == "法定の期限が審議会の開催より前のため"
    assert "答申前の公表" in round.history.first().history_change_reason


def test_publication_after_the_answer_makes_versions_and_settles_the_pia(town, pia, documents):
    change = services.pia_change_record(actor=town.user("officer"), pia=pia, description="ガバメントクラウドへの移行",
                                        planned_on=date(2025, 4, 1))
    round = _round(town, list(documents), consulted_on=date(2025, 2, 21), answered_on=date(2025, 3, 17),
                   opinion="適当と認める。")
    services_evaluation.round_publish(actor=town.user("officer"), round=round, published_on=date(2025, 3, 31))
    priority, full = documents
    for document in (priority, full):
        document.refresh_from_db()
        assert document.published_on == date(2025, 3, 31)
        assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    pia.refresh_from_db()
    assert pia.published_on == date(2025, 3, 31) and pia.reevaluation_due == date(2030, 3, 31)
    assert PIAChange.objects.get(pk=change.pk).reevaluated_on == date(2025, 3, 31)
    with pytest.raises(ValidationError):  # once only, and no edits after
        services_evaluation.round_publish(actor=town.user("officer"), round=round, published_on=date(2025, 4, 1))
    with pytest.raises(ValidationError):
        _round(town, list(documents), round=round)


# ---- pages ----------------------------------------------------------------------------------------

def _form_data(town, documents, rows, **overrides):
    data = {"kind": "re", "title": CLOUD, "unit": town.citizens.pk, "reason": "ガバメントクラウドへの移行のため",
            "planned_on": "2025-04-01", "documents": [d.pk for d in documents],
            "changes-TOTAL_FORMS": str(len(rows)), "changes-INITIAL_FORMS": "0",
            "changes-MIN_NUM_FORMS": "0", "changes-MAX_NUM_FORMS": "100"}
    for index, (item, before, after) in enumerate(rows):
        data.update({f"changes-{index}-item": item, f"changes-{index}-before": before, f"changes-{index}-after": after})
    data.update(overrides)
    return data


def test_create_with_the_change_formset(client_for, town, documents):
    client = client_for("staff")
    assert client.get("/registers/evaluations/new/").status_code == 200
    rows = [("保管場所", "データセンター", "ガバメントクラウド"), ("", "", ""), ("その他のリスク対策", "", "ISMAP")]
    response = client.post("/registers/evaluations/new/", _form_data(town, [documents[0]], rows))
    assert response.status_code == 302, response.content.decode()[:2000]
    round = EvaluationRound.objects.get()
    assert list(round.changes.values_list("item", "after")) == [("保管場所", "ガバメントクラウド"),
                                                                ("その他のリスク対策", "ISMAP")]
    detail = client.get(response.url).content.decode()
    assert "ガバメントクラウド" in detail and "令和7年4月" in detail and "（1）住民基本台帳に関する事務" in detail
    # edit: the table comes back filled in
    edit = client.get(f"/registers/evaluations/{round.pk}/edit/").content.decode()
    assert "データセンター" in edit and "ISMAP" in edit


def test_bad_row_is_a_clear_error_and_nothing_is_lost(client_for, town, documents):
    client = client_for("staff")
    rows = [("保管場所", "データセンターに設置している", "")]
    response = client.post("/registers/evaluations/new/", _form_data(town, [documents[0]], rows))
    assert response.status_code == 200
    html = response.content.decode()
    assert "変更箇所の1行目" in html and "変更後の記載を入力してください。" in html
    assert "データセンターに設置している" in html  # what was typed is still there
    assert not EvaluationRound.objects.exists()
    response = client.post("/registers/evaluations/new/", _form_data(town, [documents[0]], []))
    assert "変更箇所（項目・変更前の記載・変更後の記載）を1行以上" in response.content.decode()


def test_publish_page_error_in_japanese(client_for, town, documents):
    round = _round(town, list(documents), consulted_on=date(2025, 2, 21))
    response = client_for("officer").post(f"/registers/evaluations/{round.pk}/publish/", {"published_on": "2025-03-01"})
    assert response.status_code == 200
    assert "全項目評価書は第三者点検" in response.content.decode()
    response = client_for("chief").post(f"/registers/evaluations/{round.pk}/publish/",
                                        {"published_on": "2025-03-01", "early_reason": "期限のため"})
    assert response.status_code == 302


def test_other_units_cannot_edit(client_for, town, documents):
    round = _round(town, [documents[0]])
    url = f"/registers/evaluations/{round.pk}/edit/"
    # the 業務所管課 (市民課) and the office edit; 保険年金課 does not see it; the manager and auditor only read
    assert_statuses(client_for, "GET", url, {"officer": 200, "staff": 200, "chief": 200, "officer2": 404,
                                             "manager": 403, "auditor": 403, "contractor": 404})
    before = round.title
    client_for("officer2").post(url, _form_data(town, [documents[0]], [("x", "y", "z")], title="書き換え"))
    round.refresh_from_db()
    assert round.title == before
    # the 評価書 are read by every member of staff, changed by their PIA's unit only
    document = documents[0]
    assert_statuses(client_for, "GET", f"/registers/documents/{document.pk}/",
                    {"officer2": 200, "contractor": 404, "staff": 200})
    assert_statuses(client_for, "GET", f"/registers/documents/{document.pk}/edit/",
                    {"officer2": 403, "officer": 200, "chief": 200})


def test_list_and_download(client_for, town, documents):
    _round(town, [documents[0]])
    client = client_for("staff")
    assert CLOUD in client.get("/registers/evaluations/").content.decode()
    csv = client.get("/registers/evaluations/?format=csv").content.decode("utf-8-sig")
    assert CLOUD in csv and "令和7年4月" in csv
    assert CLOUD not in client_for("officer2").get("/registers/evaluations/").content.decode()


# ---- the 諮問 paper ---------------------------------------------------------------------------------

def test_paper_word_and_pdf_hold_the_items(client_for, town, documents):
    round = _round(town, [documents[0]])
    client = client_for("officer")
    word = client.get(f"/reports/evaluations/{round.pk}/paper/?format=docx")
    assert word.status_code == 200 and word["Content-Type"].startswith("application/vnd.openxmlformats")
    xml = zipfile.ZipFile(io.BytesIO(word.content)).read("word/document.xml").decode()
    for text in ("業務の名称", CLOUD, "業務所管課", town.citizens.name, "業務の目的", "再実施を行う評価書名",
                 "（1）住民基本台帳に関する事務 重点項目評価書", "実施時期", "令和7年4月", "重点項目評価書の変更箇所",
                 "変更前の記載", "変更後の記載", "外部データセンターに設置・保管している。", "（記載なし）"):
        assert text in xml, text
    pdf = client.get(f"/reports/evaluations/{round.pk}/paper/?format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).replace(" ", "")
    for part in ("業務所管課", "再実施を行う評価書名", "令和7年4月", "ガバメントクラウドにおける措置を講じる"):
        assert part in text, part
    assert client_for("officer2").get(f"/reports/evaluations/{round.pk}/paper/?format=docx").status_code == 404
    assert client_for("officer").get(f"/reports/evaluations/{round.pk}/paper/?format=txt").status_code == 400


# ---- the API ------------------------------------------------------------------------------------

def _results(response):
    data = response.json()
    return data["results"] if isinstance(data, dict) else data


def test_api_lists_and_details_scoped(client_for, town, documents):
    round = _round(town, [documents[0]])
    data = client_for("officer").get(f"/api/v1/registers/evaluations/{round.pk}").json()
    assert data["title"] == CLOUD and data["documents"] == [documents[0].pk]
    assert [c["item"] for c in data["changes"]] == [row.item for row in ROWS]
    assert [r["id"] for r in _results(client_for("officer").get("/api/v1/registers/evaluations"))] == [round.pk]
    assert _results(client_for("officer2").get("/api/v1/registers/evaluations")) == []
    assert client_for("officer2").get(f"/api/v1/registers/evaluations/{round.pk}").status_code == 404
    document = client_for("officer2").get(f"/api/v1/registers/evaluation-documents/{documents[0].pk}").json()
    assert document["kind"] == "priority" and document["versions"][0]["number"] == 1
    assert client_for("contractor").get(f"/api/v1/registers/evaluation-documents/{documents[0].pk}").status_code == 404
