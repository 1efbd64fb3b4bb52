"""The security review of new and changed systems (名古屋市, seeds/000_…): request → 対応中 with the reviewer's
checklist → the result notice; the yearly table exactly as the city prints it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hogokan.assets import services as register
from hogokan.assets import services_review as services
from hogokan.assets.models_review import SystemReview
from hogokan.checklists import api as checklists
from hogokan.core.models import Notification
from hogokan.org.models import OrgUnit, UnitKind


def _system(town, name="住民記録システム", unit=None, personal=True):
    return register.system_save(actor=town.user("officer"), name=name, unit=unit or town.citizens,
                                handles_personal_information=personal)


def _request(town, system, matters=("change",), **fields):
    values = dict(matters=list(matters), fiscal_year=2024, description="標準化対応", requested_on=date(2024, 9, 2))
    values.update(fields)
    return services.review_request(actor=town.user("officer"), system=system, **values)


def _answer_all(review, actor, value="ok"):
    sheet = review.sheet
    data = {f"a{item.pk}": value for item in sheet.template.items.all()}
    checklists.sheet_save(sheet, checklists.sheet_form(sheet, data), actor=actor)


def test_the_default_checklist_is_in_use(db):
    template = checklists.template_in_use(checklists.Purpose.SECURITY_REVIEW)
    assert template is not None and template.marks == "tekihi" and template.items.count() == 16


def test_a_request_tells_the_office_and_the_review_runs_to_its_notice(town):
    review = _request(town, _system(town), matters=["development", "network"])
    assert review.status == SystemReview.Status.REQUESTED
    assert review.matters == ["network", "development"]  # in the city's order
    assert review.matters_label == "ネットワークの構築・変更、情報システムの開発"
    assert Notification.objects.filter(recipient=town.user("chief"), subject__contains="住民記録システム").exists()
    chief = town.user("chief")
    services.review_start(actor=chief, review=review)
    assert review.status == SystemReview.Status.IN_REVIEW and review.result_date_label == "対応中"
    with pytest.raises(ValidationError, match="未記入"):
        services.review_notify(actor=chief, review=review, notified_on=date(2024, 10, 31), result="suitable")
    _answer_all(review, chief)
    services.review_notify(actor=chief, review=review, notified_on=date(2024, 10, 31), result="suitable")
    review.refresh_from_db()
    assert review.status == SystemReview.Status.NOTIFIED and review.result_date_label == "2024/10/31"
    assert checklists.is_confirmed(review.sheet)
    assert Notification.objects.filter(recipient=town.user("officer"), subject__contains="点検の結果").exists()


def test_a_fail_needs_the_points_to_improve(town):
    review = _request(town, _system(town))
    chief = town.user("chief")
    services.review_start(actor=chief, review=review)
    _answer_all(review, chief, "ng")
    with pytest.raises(ValidationError) as error:
        services.review_notify(actor=chief, review=review, notified_on=date(2024, 10, 31), result="suitable")
    assert "改善を要する事項あり" in error.value.message_dict["result"][0]
    with pytest.raises(ValidationError) as error:
        services.review_notify(actor=chief, review=review, notified_on=date(2024, 10, 31), result="improve")
    assert error.value.message_dict["result_note"] == ["改善を要する事項を入力してください。"]
    review.refresh_from_db()
    assert review.status == SystemReview.Status.IN_REVIEW


@pytest.mark.parametrize(("fields", "field", "words"), [
    ({"matters": []}, "matters", "1つ以上"),
    ({"matters": ["rebuild"]}, "matters", "不明な値"),
    ({"fiscal_year": 1900}, "fiscal_year", "年度は"),
])
def test_bad_requests_are_refused_and_write_nothing(town, fields, field, words):
    with pytest.raises(ValidationError) as error:
        _request(town, _system(town), **fields)
    assert words in error.value.message_dict[field][0]
    assert not SystemReview.objects.exists()


def test_a_notice_before_the_request_is_refused(town):
    review = _request(town, _system(town))
    services.review_start(actor=town.user("chief"), review=review)
    _answer_all(review, town.user("chief"))
    with pytest.raises(ValidationError) as error:
        services.review_notify(actor=town.user("chief"), review=review, notified_on=date(2024, 9, 1), result="suitable")
    assert error.value.message_dict["notified_on"] == ["結果通知日は依頼日以降の日付にしてください。"]


def test_the_yearly_table_as_nagoya_prints_it(town):
    transport = OrgUnit.objects.create(organ=town.mayor, code="700", name="交通局", kind=UnitKind.BUREAU,
                                       valid_from=date(2020, 4, 1))
    digital = OrgUnit.objects.create(organ=town.mayor, parent=transport, code="710", name="デジタル推進課",
                                     kind=UnitKind.SECTION, valid_from=date(2020, 4, 1))
    chief = town.user("chief")
    done = _request(town, _system(town, "保険年金システム", unit=town.pension))
    services.review_start(actor=chief, review=done)
    _answer_all(done, chief)
    services.review_notify(actor=chief, review=done, notified_on=date(2025, 3, 27), result="suitable")
    pending = _request(town, _system(town, "住民記録システム"))
    services.review_start(actor=chief, review=pending)
    site = services.review_request(actor=chief, system=_system(town, "ハッチーキッズサイト", unit=digital,
                                                                 personal=False),
                                   matters=["development"], fiscal_year=2024, description="新規構築",
                                   requested_on=date(2024, 9, 2))
    services.review_start(actor=chief, review=site)
    _answer_all(site, chief)
    services.review_notify(actor=chief, review=site, notified_on=date(2025, 3, 27), result="suitable")
    _request(town, _system(town, "来年度のシステム"), fiscal_year=2025)
    tables = services.review_tables(SystemReview.objects.all(), 2024)
    first = tables[0]
    assert first.title == "１　電子情報保護副統括管理者による点検"
    assert first.preamble == [["令和6年度情報システム等の情報セキュリティ対策に関する点検結果"]]
    assert list(first.header) == ["所管局", "情報システム・ネットワーク名", "所管課", "該当事項", "結果通知日", "個人情報"]
    assert first.rows == [
        ["市民局", "保険年金システム", "保険年金課", "情報システムの変更", "2025/3/27", "あり"],
        ["市民局", "住民記録システム", "市民課", "情報システムの変更", "対応中", "あり"],
        ["交通局", "ハッチーキッズサイト", "デジタル推進課", "情報システムの開発", "2025/3/27", "なし"],
    ]
    assert [t.title for t in tables[1:]] == ["２　市立大学における点検", "３　教育委員会事務局における点検"]
    assert tables[1].header[4] == "点検完了日" and tables[1].rows == []


def test_systems_with_personal_information_and_no_review_are_listed(town):
    reviewed, forgotten = _system(town, "A"), _system(town, "B")
    _system(town, "C", personal=False)
    _request(town, reviewed)
    from hogokan.assets.models import InfoSystem

    assert list(services.systems_without_review(InfoSystem.objects.all())) == [forgotten]
