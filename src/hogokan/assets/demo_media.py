"""Demo removable media, their 現物確認 and take-outs for みなと緑市 (loaded by `hogokan demo`; idempotent).

保険医療課 (the demo officer and staff) permits three USB memories and an SD card, checked last month, this
month's check still to do, one old memory disposed of with the contractor's erasure certificate; 税務課 has not
done last month's check (overdue). Take-outs: one returned, one approved and overdue (not back), one waiting
for approval, one on a USB memory, and the contractor's on its contract.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from hogokan.assets import services_media as services
from hogokan.assets.models_media import RemovableMedium
from hogokan.org.models import OrgUnit, Person
from hogokan.outsourcing.models import Contract


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _month_before(day: date) -> tuple[int, int]:
    first = day.replace(day=1) - timedelta(days=1)
    return first.year, first.month


def load() -> None:
    officer, officer2, staff, chief = _user("officer"), _user("officer2"), _user("staff"), _user("chief")
    if None in (officer, officer2, staff, chief):
        return  # the demo body is not loaded
    health = OrgUnit.objects.filter(code="B06", valid_to__isnull=True).first()
    tax = OrgUnit.objects.filter(code="B04", valid_to__isnull=True).first()
    if health is None or tax is None or RemovableMedium.objects.filter(unit=health, number="USB-01").exists():
        return
    today = timezone.localdate()
    since = date(today.year - 1, 4, 1)
    staff_person = Person.objects.get(user=staff)

    def medium(unit, actor, number, kind, encryption, place, users=()):
        return services.medium_save(actor=actor, unit=unit, number=number, kind=kind, encryption=encryption,
                                    storage_place=place, permitted_from=since, permitted_users=list(users),
                                    description={"usb": "暗号化USBメモリ 32GB", "card": "SDカード 16GB"}.get(kind, ""))

    usb1 = medium(health, officer, "USB-01", "usb", "hardware", "課長席後ろの施錠できる保管庫", [staff_person])
    medium(health, officer, "USB-02", "usb", "hardware", "課長席後ろの施錠できる保管庫")
    medium(health, officer, "SD-01", "card", "software", "デジタルカメラ用（保管庫）")
    old = medium(health, officer, "USB-00", "usb", "none", "課長席後ろの施錠できる保管庫")
    services.medium_dispose(actor=officer, medium=old, disposal="dispose", disposed_on=since + timedelta(days=200),
                            erasure_method="destruction", erased_by="contractor",
                            certificate="データ消去証明書 第R-0412号", note="暗号化機能のない媒体のため廃棄")
    medium(tax, officer2, "USB-T1", "usb", "hardware", "税務課 金庫")

    # 現物確認: last month done in 保険医療課 and not done in 税務課 (overdue); this month open in both.
    year, month = _month_before(today)
    last = services.stocktake_open(actor=chief, unit=health, year=year, month=month, today=today)
    services.stocktake_record(actor=staff, stocktake=last, checked_on=min(last.due, today), results={
        m.pk: services.CheckInput("present") for m in services.media_to_check(health)})
    services.stocktake_open(actor=chief, unit=tax, year=year, month=month, today=today)
    services.stocktakes_open_month(actor=chief, year=today.year, month=today.month)  # 保険医療課 and 税務課 (USB-T1)

    # 持出し
    paper = dict(personal_information="氏名、住所、電話番号、被保険者番号", medium_kind="paper", protection="none")
    back = services.takeout_request(
        actor=staff, unit=health, carrier=staff_person, items="高額療養費の申請書（写し）5枚", destination="北区役所",
        purpose="provide", taken_out_on=today - timedelta(days=20), planned_return=today - timedelta(days=20),
        today=today - timedelta(days=21), **paper)
    services.takeout_approve(actor=officer, takeout=back, comment="施錠したかばんで持ち出すこと",
                             today=today - timedelta(days=21))
    services.takeout_return(actor=officer, takeout=back, returned_on=today - timedelta(days=20), note="5枚そろっていた")
    late = services.takeout_request(
        actor=staff, unit=health, carrier=staff_person, items="訪問先一覧（12世帯）", destination="訪問先（北区）",
        purpose="meeting", purpose_detail="保健指導の訪問", taken_out_on=today - timedelta(days=6),
        planned_return=today - timedelta(days=5), today=today - timedelta(days=7), **paper)
    services.takeout_approve(actor=officer, takeout=late, today=today - timedelta(days=7))
    services.takeout_request(
        actor=staff, unit=health, carrier=staff_person, items="説明会の参加者名簿", destination="みなと緑市民会館",
        purpose="meeting", purpose_detail="制度説明会の受付", taken_out_on=today + timedelta(days=1),
        planned_return=today + timedelta(days=1), today=today, **paper)
    usb = services.takeout_request(
        actor=staff, unit=health, carrier=staff_person, items="統計資料の元データ（CSV）", medium_kind="medium",
        medium=usb1, protection="encrypted", personal_information="被保険者番号、生年月日（匿名化前）",
        destination="県国民健康保険団体連合会", purpose="provide", taken_out_on=today - timedelta(days=10),
        planned_return=today - timedelta(days=10), today=today - timedelta(days=11))
    services.takeout_approve(actor=officer, takeout=usb, today=today - timedelta(days=11))
    services.takeout_return(actor=officer, takeout=usb, returned_on=today - timedelta(days=10),
                            note="媒体を受け取り、データを消去した")
    contractor = _user("contractor")
    contract = Contract.objects.filter(contractor_people__user=contractor).order_by("pk").first() if contractor else None
    if contract is not None:
        services.takeout_request(
            actor=contractor, unit=None, carrier=Person.objects.get(user=contractor), contract=contract,
            items="入力済みの申請書（控え）", destination="受託者の事務所", purpose="other",
            purpose_detail="入力内容の照合作業", taken_out_on=today, planned_return=today + timedelta(days=2),
            today=today, **paper)
