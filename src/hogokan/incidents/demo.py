"""Demo incidents for みなと緑市 (loaded by `hogokan demo`; running it again changes nothing).

One with the 速報 due in two days, one My Number case whose 確報 is overdue (it tops the chief's
dashboard), one not reportable with measures under way, one closed case of last year, near misses.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from hogokan.incidents import services
from hogokan.incidents.models import DataItem, Incident, Kind, Medium, PreventiveMeasure
from hogokan.org.models import OrgUnit, Person
from hogokan.outsourcing.models import Contract

FIRST_TITLE = "高額療養費支給決定通知書の誤送付"


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _unit(code):
    return OrgUnit.objects.filter(code=code, valid_to__isnull=True).first()


def load() -> None:
    if not Incident.objects.filter(title=FIRST_TITLE).exists():
        _incidents()
    _ppc_facts()


def _ppc_facts() -> None:
    """The PPC form's facts of the first case (発見者・発見日時・二次被害), the cause still unknown: its 速報
    draft shows what is filled in and what is still 調査中."""
    first = Incident.objects.filter(title=FIRST_TITLE).first()
    officer = _user("officer")
    if first is None or officer is None or first.discovered_by:
        return
    found = timezone.make_aware(datetime.combine(first.learned_on, time(10, 15)))
    services.incident_update(
        actor=officer, incident=first, reason="報告書の事項の追記", discoverer="person",
        discovered_by="通知書を受け取った住民", discovered_how="届いた通知書が別世帯のものだと電話で連絡があった",
        discovered_at=found, learned_how="受け取った住民からの電話で判明し、もう一方の世帯にも確認した。",
        secondary_damage_status="unknown", cause="check")


def _incidents() -> None:
    officer, staff, chief, contractor = (_user(name) for name in ("officer", "staff", "chief", "contractor"))
    insurance, citizens, health = _unit("B06"), _unit("B01"), _unit("C06")
    if None in (officer, staff, chief, insurance, citizens, health):
        return  # the demo body is not loaded
    services.catalogue_ensure()
    items = {item.name: item for item in DataItem.objects.all()}
    today = timezone.localdate()

    first = services.incident_report(
        actor=staff, title=FIRST_TITLE, unit=insurance, learned_on=today - timedelta(days=3), persons=2,
        summary="窓あき封筒に別の世帯の通知書を重ねて封入し、2世帯に互いの通知書が届いた。",
        data_items=[items["氏名"], items["住所"], items["病歴・健診結果"]], kind=Kind.MISSENT_MAIL, medium=Medium.PAPER)
    services.incident_set_status(actor=officer, incident=first, status=Incident.Status.INVESTIGATING,
                                 note="封入作業の手順を確認中")

    contract = Contract.objects.filter(unit=citizens, contractor_people__user=contractor).first() if contractor else None
    second = services.incident_report(
        actor=contractor or officer, title="コンビニ交付で他人の証明書が表示された", unit=citizens,
        learned_on=today - timedelta(days=35), persons=3, contract=contract,
        summary="システム更新後、短時間に続けて申請した別の住民の証明書が画面に表示された。",
        data_items=[items["氏名"], items["住所"], items["個人番号"]], kind=Kind.CONTRACTOR, medium=Medium.SYSTEM,
        my_number_system="number_use_system", contractor_name="株式会社みなと情報サービス")
    services.incident_update(actor=chief, incident=second, reason="速報の提出",
                             preliminary_reported_on=today - timedelta(days=32))
    services.incident_set_status(actor=chief, incident=second, status=Incident.Status.RESPONDING)

    third = services.incident_report(
        actor=officer, title="住民票の写しの誤交付", unit=citizens, learned_on=today - timedelta(days=45), persons=1,
        summary="同姓の別人の住民票の写しを窓口で交付した。翌日回収した。", data_items=[items["氏名"], items["住所"]],
        kind=Kind.MISHANDED, medium=Medium.PAPER)
    services.incident_update(actor=officer, incident=third, notice_status=Incident.Notice.DONE,
                             notice_date=today - timedelta(days=44), notice_method="訪問して謝罪")
    officer_person = Person.objects.filter(user=officer).first()
    services.measure_save(actor=officer, incident=third, description="交付時に生年月日と住所を申請書と読み合わせる",
                          owner=officer_person, due_date=today - timedelta(days=20),
                          status=PreventiveMeasure.Status.DONE, done_on=today - timedelta(days=30),
                          evidence="窓口マニュアルを改訂", evaluation="同様の事例は起きていない")
    services.measure_save(actor=officer, incident=third, description="新任職員に交付手順の研修を行う",
                          owner=officer_person, due_date=today + timedelta(days=20))
    services.incident_set_status(actor=officer, incident=third, status=Incident.Status.PREVENTING)

    last_year = services.incident_report(
        actor=chief, title="健診記録票の紛失", unit=health, learned_on=today - timedelta(days=400), persons=1,
        summary="委託医療機関で胸部レントゲン検診記録票（市控）1名分を紛失した。",
        data_items=[items["氏名"], items["生年月日"], items["病歴・健診結果"]], kind=Kind.LOST, medium=Medium.PAPER,
        contractor_involved=True, contractor_name="医療法人みなと会")
    learned = last_year.learned_on
    services.incident_update(actor=chief, incident=last_year, preliminary_reported_on=learned + timedelta(days=2),
                             final_reported_on=learned + timedelta(days=20), notice_status=Incident.Notice.DONE,
                             notice_date=learned + timedelta(days=5), notice_method="電話")
    services.measure_save(actor=chief, incident=last_year, description="受診日ごとの名簿と記録票を突き合わせる",
                          status=PreventiveMeasure.Status.DONE, done_on=learned + timedelta(days=30),
                          evaluation="医師会を通じて全委託医療機関に周知した")
    for status in (Incident.Status.INVESTIGATING, Incident.Status.RESPONDING, Incident.Status.PREVENTING,
                   Incident.Status.CLOSED):
        services.incident_set_status(actor=chief, incident=last_year, status=status)

    for title, kind, medium, description, lesson, anonymous in (
        ("FAX番号の押し間違いに送信前に気付いた", Kind.MISSENT_EMAIL, Medium.FAX, "短縮ダイヤルの登録が古かった。",
         "送信前に相手先表示を二人で確認する。", True),
        ("メールの宛先にTOではなくBCCを使うべきだった", Kind.MISSENT_EMAIL, Medium.EMAIL,
         "複数の事業者への一斉送信で、送信直前に宛先欄に気付いた。", "一斉送信はBCCを既定にする。", False),
        ("窓あき封筒から別の書類の宛名が見えていた", Kind.MISSENT_MAIL, Medium.PAPER,
         "封入後の確認で、2枚重なっていたことに気付いた。", "封入は1通ずつ、確認者が押印する。", True),
    ):
        services.near_miss_create(actor=staff, title=title, unit=insurance, occurred_on=today - timedelta(days=10),
                                  kind=kind, medium=medium, description=description, lesson=lesson,
                                  anonymous=anonymous)
