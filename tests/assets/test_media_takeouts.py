"""Take-outs: request → the section head's approval → the return check; overdue; 京都市's tables."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hogokan.assets import services_media as services
from hogokan.assets.models_media import TakeOut
from hogokan.core.models import Reminder
from hogokan.core.services import reminder_key
from hogokan.outsourcing import services as outsourcing

PAPER = dict(items="訪問先一覧（3枚）", personal_information="氏名、住所（12人分）", medium_kind="paper",
             destination="市民会館", purpose="meeting", taken_out_on=date(2026, 11, 10),
             planned_return=date(2026, 11, 10))
TODAY = date(2026, 11, 10)


def _request(town, who="staff", unit=None, **changes):
    fields = {**PAPER, **changes}
    return services.takeout_request(actor=town.user(who), unit=unit or town.citizens, carrier=town.people[who],
                                    today=TODAY, **fields)


def test_a_request_is_numbered_and_the_section_head_is_asked_to_approve(town):
    takeout = _request(town)
    assert takeout.number == "2026-001" and takeout.status == TakeOut.Status.REQUESTED
    assert _request(town).number == "2026-002"
    reminder = Reminder.objects.get(key=reminder_key(takeout, "approve"))
    assert list(reminder.recipients.all()) == [town.user("officer")]


def test_approved_and_returned(town):
    takeout = _request(town)
    services.takeout_approve(actor=town.user("officer"), takeout=takeout, comment="施錠したかばんで", today=TODAY)
    assert takeout.status == TakeOut.Status.APPROVED and takeout.decided_by == town.user("officer")
    assert Reminder.objects.get(key=reminder_key(takeout, "approve")).resolved_at is not None
    back = Reminder.objects.get(key=reminder_key(takeout, "return"))
    assert back.due_date == date(2026, 11, 10)
    assert list(back.recipients.all()) == [town.user("staff")]
    assert list(back.escalate_to.all()) == [town.user("officer")]  # overdue → the section head
    services.takeout_return(actor=town.user("officer"), takeout=takeout, returned_on=date(2026, 11, 10),
                            note="3枚そろっていた", today=date(2026, 11, 11))
    takeout.refresh_from_db()
    assert takeout.status == TakeOut.Status.RETURNED and takeout.return_checked_by == town.user("officer")
    assert Reminder.objects.get(key=reminder_key(takeout, "return")).resolved_at is not None
    reasons = [row.history_change_reason for row in takeout.history.order_by("history_id")]
    assert reasons == ["持出しの申請", "持出しの承認: 施錠したかばんで", "返却の確認: 3枚そろっていた"]


def test_a_return_before_the_take_out_is_refused_and_nothing_changes(town):
    takeout = _request(town)
    services.takeout_approve(actor=town.user("officer"), takeout=takeout, today=TODAY)
    with pytest.raises(ValidationError) as error:
        services.takeout_return(actor=town.user("officer"), takeout=takeout, returned_on=date(2026, 11, 9),
                                today=date(2026, 11, 11))
    assert error.value.message_dict["returned_on"] == ["返却日が持出し日より前です。返却日を確かめてください。"]
    takeout.refresh_from_db()
    assert takeout.status == TakeOut.Status.APPROVED and takeout.returned_on is None
    assert takeout.history.count() == 2


def test_the_requester_may_not_approve_their_own_take_out(town):
    takeout = _request(town, who="officer")
    with pytest.raises(ValidationError, match="申請者本人は承認できません"):
        services.takeout_approve(actor=town.user("officer"), takeout=takeout, today=TODAY)
    takeout.refresh_from_db()
    assert takeout.status == TakeOut.Status.REQUESTED
    services.takeout_approve(actor=town.user("manager"), takeout=takeout, today=TODAY)  # the manager above may


def test_refusing_needs_a_reason(town):
    takeout = _request(town)
    with pytest.raises(ValidationError) as error:
        services.takeout_reject(actor=town.user("officer"), takeout=takeout, comment=" ")
    assert error.value.message_dict["comment"] == ["承認しない理由を入力してください。"]
    services.takeout_reject(actor=town.user("officer"), takeout=takeout, comment="写しで足りる")
    assert takeout.status == TakeOut.Status.REJECTED


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"planned_return": date(2026, 11, 9)}, "planned_return", "返却予定日は持出し日以降"),
    ({"medium_kind": "medium"}, "medium", "許可した外部記録媒体を選んで"),
    ({"medium_kind": "device", "protection": "none"}, "protection", "暗号化又はファイルのパスワード設定"),
    ({"protection": "encrypted"}, "protection", "紙で持ち出すときは"),
    ({"purpose": "other"}, "purpose_detail", "目的の内容を入力"),
])
def test_bad_requests_are_refused_with_a_message_and_write_nothing(town, changes, field, words):
    with pytest.raises(ValidationError) as error:
        _request(town, **changes)
    assert words in error.value.message_dict[field][0]
    assert not TakeOut.objects.exists()


def test_a_medium_must_be_the_units_and_permitted_on_the_day(town):
    theirs = services.medium_save(actor=town.user("officer2"), unit=town.pension, number="USB-9", kind="usb",
                                  encryption="hardware", permitted_from=date(2026, 4, 1))
    with pytest.raises(ValidationError, match="この所属で許可した"):
        _request(town, medium_kind="medium", medium=theirs, protection="encrypted")
    ours = services.medium_save(actor=town.user("officer"), unit=town.citizens, number="USB-1", kind="usb",
                                encryption="hardware", permitted_from=date(2026, 4, 1),
                                permitted_to=date(2026, 10, 31))
    with pytest.raises(ValidationError, match="使用が許可されていません"):
        _request(town, medium_kind="medium", medium=ours, protection="encrypted")
    ours.permitted_to = None
    ours.save()
    assert _request(town, medium_kind="medium", medium=ours, protection="encrypted").medium == ours


def test_a_contractors_take_out_is_recorded_against_its_contract(town):
    contract = outsourcing.contract_save(actor=town.user("chief"), title="窓口業務委託", unit=town.citizens,
                                         contractor_name="株式会社サンプル情報", period_start=date(2026, 4, 1),
                                         period_end=date(2027, 3, 31), contractor_people=[town.people["contractor"]])
    takeout = services.takeout_request(actor=town.user("contractor"), unit=None, carrier=town.people["contractor"],
                                       contract=contract, today=TODAY, **PAPER)
    assert takeout.unit == town.citizens and takeout.contract == contract
    services.takeout_approve(actor=town.user("officer"), takeout=takeout, today=TODAY)


def test_overdue_when_not_back_by_the_planned_date(town):
    late, on_time = _request(town), _request(town, planned_return=date(2026, 11, 20))
    for takeout in (late, on_time):
        services.takeout_approve(actor=town.user("officer"), takeout=takeout, today=TODAY)
    overdue = services.overdue_takeouts(TakeOut.objects.all(), date(2026, 11, 11))
    assert list(overdue) == [late]
    assert late.is_overdue(date(2026, 11, 11)) and not late.is_overdue(date(2026, 11, 10))


def test_the_kyoto_tables_count_sections_per_medium_and_purpose(town):
    a = _request(town)
    _request(town, medium_kind="device", protection="encrypted", purpose="provide")
    _request(town, who="officer2", unit=town.pension, purpose="provide")
    refused = _request(town, who="officer2", unit=town.pension, medium_kind="device", protection="password")
    services.takeout_reject(actor=town.user("manager"), takeout=refused, comment="不要")
    services.takeout_approve(actor=town.user("officer"), takeout=a, today=TODAY)
    services.takeout_return(actor=town.user("officer"), takeout=a, returned_on=date(2026, 11, 12),
                            today=date(2026, 11, 12))
    tables = {t.key: t for t in services.takeout_tables(TakeOut.objects.all(), 2026, date(2026, 11, 20))}
    media = {row[0]: row[1:] for row in tables["media"].rows}
    assert media["①紙"] == [2, "100.0%", 2]
    assert media["③電子情報（パソコン・タブレット等）"] == [1, "50.0%", 1]  # the refused one is not counted
    purposes = {row[0]: row[1:] for row in tables["purposes"].rows}
    assert purposes["①文書や電子情報等の提供や受渡し"] == [2, "100.0%", 2]
    approval = {row[0]: row[1:] for row in tables["approval"].rows}
    assert approval["返却確認済み（予定日より後に返却）"] == [1, "25.0%"]
    assert approval["不承認"] == [1, "25.0%"]
    assert approval["合計"] == [4, "100.0%"]
    units = {row[0]: row[1:] for row in tables["units"].rows}
    assert units["市民課"] == [2, 1, 1, 1, 0, 0, 1]
