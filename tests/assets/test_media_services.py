"""Removable media and their monthly 現物確認: register, permits, missing media, disposal with its proof."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hogokan.assets import services_media as services
from hogokan.assets.models_media import MediumCheck, MediumStocktake, RemovableMedium
from hogokan.core.models import Reminder
from hogokan.core.services import reminder_key


def _medium(town, number="USB-01", **fields):
    values = dict(kind="usb", encryption="hardware", permitted_from=date(2026, 4, 1))
    values.update(fields)
    return services.medium_save(actor=town.user("officer"), unit=town.citizens, number=number, **values)


def test_a_medium_is_registered_with_its_permitted_users_named_in_the_history(town):
    medium = services.medium_save(actor=town.user("officer"), unit=town.citizens, number="USB-01", kind="usb",
                                  encryption="hardware", permitted_from=date(2026, 4, 1),
                                  permitted_users=[town.people["staff"]])
    assert list(medium.permitted_users.all()) == [town.people["staff"]]
    row = medium.history.get()
    assert row.history_user == town.user("officer")
    assert "使用を許可された職員: 担当 四郎" in row.history_change_reason


def test_the_same_number_twice_in_a_unit_is_refused_and_nothing_is_written(town):
    _medium(town)
    with pytest.raises(ValidationError) as error:
        _medium(town)
    assert "USB-01" in error.value.message_dict["number"][0]
    assert RemovableMedium.objects.count() == 1
    # another unit may use the same number
    services.medium_save(actor=town.user("officer2"), unit=town.pension, number="USB-01", kind="usb",
                         encryption="none", permitted_from=date(2026, 4, 1))


def test_a_permit_ending_before_it_starts_is_refused(town):
    with pytest.raises(ValidationError) as error:
        _medium(town, permitted_to=date(2026, 3, 31))
    assert error.value.message_dict["permitted_to"] == ["使用許可の期限は使用許可日以降の日付にしてください。"]
    assert not RemovableMedium.objects.exists()


def test_opening_a_stocktake_reminds_the_section_head_by_the_inspection_day(town):
    stocktake = services.stocktake_open(actor=town.user("chief"), unit=town.citizens, year=2026, month=11)
    assert stocktake.due == date(2026, 11, 13)  # the 15th is a Sunday
    reminder = Reminder.objects.get(key=reminder_key(stocktake, "check"))
    assert list(reminder.recipients.all()) == [town.user("officer")]
    assert list(reminder.escalate_to.all()) == [town.user("manager")]
    assert services.stocktake_open(actor=town.user("chief"), unit=town.citizens, year=2026, month=11) == stocktake


def test_the_office_opens_the_month_for_every_unit_holding_media(town):
    _medium(town)
    services.medium_save(actor=town.user("officer2"), unit=town.pension, number="SD-1", kind="card",
                         encryption="software", permitted_from=date(2026, 4, 1))
    opened = services.stocktakes_open_month(actor=town.user("chief"), year=2026, month=12)
    assert sorted(s.unit.name for s in opened) == ["保険年金課", "市民課"]


def test_a_stocktake_with_one_medium_missing_marks_it_and_resolves_the_reminder(town):
    present, lost = _medium(town, "USB-01"), _medium(town, "USB-02")
    stocktake = services.stocktake_open(actor=town.user("officer"), unit=town.citizens, year=2026, month=10)
    missing = services.stocktake_record(actor=town.user("staff"), stocktake=stocktake, checked_on=date(2026, 10, 14),
                                        results={present.pk: services.CheckInput("present"),
                                                 lost.pk: services.CheckInput("missing", "10月の確認以降、見当たらない")})
    assert missing == [lost]
    lost.refresh_from_db()
    assert lost.status == RemovableMedium.Status.MISSING
    assert lost.history.first().history_change_reason == "現物確認で所在不明: 10月の確認以降、見当たらない"
    stocktake.refresh_from_db()
    assert stocktake.status == MediumStocktake.Status.DONE and stocktake.checked_by == town.user("staff")
    assert Reminder.objects.get(key=reminder_key(stocktake, "check")).resolved_at is not None
    assert MediumCheck.objects.filter(stocktake=stocktake).count() == 2
    # next month the missing medium is listed again, and found
    november = services.stocktake_open(actor=town.user("officer"), unit=town.citizens, year=2026, month=11)
    assert list(services.media_to_check(town.citizens)) == [present, lost]
    services.stocktake_record(actor=town.user("staff"), stocktake=november, checked_on=date(2026, 11, 12),
                              results={present.pk: services.CheckInput("present"),
                                       lost.pk: services.CheckInput("present", "書庫の箱の中にあった")})
    lost.refresh_from_db()
    assert lost.status == RemovableMedium.Status.IN_USE


def test_a_stocktake_with_a_medium_unanswered_writes_nothing(town):
    one, two = _medium(town, "USB-01"), _medium(town, "USB-02")
    stocktake = services.stocktake_open(actor=town.user("officer"), unit=town.citizens, year=2026, month=11)
    with pytest.raises(ValidationError) as error:
        services.stocktake_record(actor=town.user("staff"), stocktake=stocktake, checked_on=date(2026, 11, 12),
                                  results={one.pk: services.CheckInput("present")})
    assert error.value.message_dict[f"medium_{two.pk}"] == ["USB-02の結果（所在を確認・所在不明）を選んでください。"]
    with pytest.raises(ValidationError) as error:
        services.stocktake_record(actor=town.user("staff"), stocktake=stocktake, checked_on=date(2026, 11, 12),
                                  results={one.pk: services.CheckInput("present"), two.pk: services.CheckInput("missing")})
    assert "備考" in error.value.message_dict[f"medium_{two.pk}"][0]
    stocktake.refresh_from_db()
    assert stocktake.status == MediumStocktake.Status.OPEN
    assert not MediumCheck.objects.exists()
    assert RemovableMedium.objects.filter(status=RemovableMedium.Status.MISSING).count() == 0


def test_a_stocktake_is_recorded_once(town):
    medium = _medium(town)
    stocktake = services.stocktake_open(actor=town.user("officer"), unit=town.citizens, year=2026, month=11)
    results = {medium.pk: services.CheckInput("present")}
    services.stocktake_record(actor=town.user("staff"), stocktake=stocktake, checked_on=date(2026, 11, 12),
                              results=results)
    with pytest.raises(ValidationError, match="既に記録されています"):
        services.stocktake_record(actor=town.user("officer"), stocktake=stocktake, checked_on=date(2026, 11, 12),
                                  results=results)
    assert MediumCheck.objects.count() == 1


def test_disposal_by_a_contractor_needs_its_certificate(town):
    medium = _medium(town)
    with pytest.raises(ValidationError) as error:
        services.medium_dispose(actor=town.user("officer"), medium=medium, disposal="dispose",
                                disposed_on=date(2026, 11, 1), erasure_method="destruction", erased_by="contractor")
    assert "消去証明書" in error.value.message_dict["certificate"][0]
    medium.refresh_from_db()
    assert medium.status == RemovableMedium.Status.IN_USE and medium.disposal == ""
    services.medium_dispose(actor=town.user("officer"), medium=medium, disposal="dispose", disposed_on=date(2026, 11, 1),
                            erasure_method="destruction", erased_by="contractor", certificate="第2026-15号（11月1日）")
    medium.refresh_from_db()
    assert medium.status == RemovableMedium.Status.DISPOSED
    assert medium.history.first().history_change_reason == "外部記録媒体の廃棄"


def test_a_leased_medium_returned_after_erasure_by_staff(town):
    medium = _medium(town, kind="disk")
    services.medium_dispose(actor=town.user("officer"), medium=medium, disposal="return", disposed_on=date(2026, 11, 1),
                            erasure_method="overwrite", erased_by="staff")
    medium.refresh_from_db()
    assert medium.status == RemovableMedium.Status.RETURNED
    assert list(services.media_to_check(town.citizens)) == []
    with pytest.raises(ValidationError, match="返却済み"):
        services.medium_dispose(actor=town.user("officer"), medium=medium, disposal="dispose",
                                disposed_on=date(2026, 11, 2), erasure_method="destruction", erased_by="staff")
