"""Demo security reviews for みなと緑市, modelled on 名古屋市's 令和6年度 table (seeds/000_…), put in last
年度 (results notified on the city's dates, three still 対応中) and this 年度 (one request, one under review).
A system of the register with the same name is reviewed; a missing one is registered. Idempotent."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone

from hogokan.assets import services as register
from hogokan.assets import services_review as services
from hogokan.assets.models import InfoSystem
from hogokan.assets.models_review import SystemReview
from hogokan.checklists import api as checklists
from hogokan.core.calendar import fiscal_year
from hogokan.org.models import OrgUnit

# (system, unit code, matters, result (month, day) in the 年度 or None = 対応中, personal information, body)
LAST_YEAR = [
    ("キャリア教育推進センターポータルサイト", "G01", ["development"], (10, 31), True, "deputy"),
    ("認証基盤システム", "A04", ["change"], (12, 25), True, "deputy"),
    ("中央卸売市場取引情報システム", "E01", ["change"], (3, 27), False, "deputy"),
    ("税務総合情報システム", "B04", ["change"], (3, 27), True, "deputy"),
    ("上下水道局お客さまサイト", "N01", ["development"], (3, 27), False, "deputy"),
    ("保険年金システム", "B06", ["change"], (3, 27), True, "deputy"),
    ("福祉医療費システム", "C01", ["change"], (3, 27), True, "deputy"),
    ("情報連携基盤システム", "A04", ["change"], (3, 28), True, "deputy"),
    ("保健センター等の金銭登録機用サーバー", "C06", ["development"], (3, 28), False, "deputy"),
    ("就学事務システム", "G02", ["change"], (3, 31), True, "deputy"),
    ("選挙人名簿等システム", "H01", ["change"], None, True, "deputy"),
    ("福祉総合情報システム", "C01", ["change"], None, True, "deputy"),
    ("住民記録システム", "B01", ["development"], None, True, "deputy"),
    ("上下水道局内部事務システムネットワーク", "N02", ["change"], (10, 17), True, "deputy"),
    ("教育情報システム", "G01", ["development"], (3, 21), True, "education"),
]
THIS_YEAR = [
    ("保険年金システム", "B06", ["change"], "ガバメントクラウドへの移行（標準準拠システム）"),
    ("介護保険システム", "C03", ["network", "development"], "事業者との閉域接続と新システムの構築"),
]


def _system(name, code, personal, actor):
    system = InfoSystem.objects.filter(name=name).order_by("pk").first()
    if system is not None:
        return system
    unit = OrgUnit.objects.filter(code=code, valid_to__isnull=True).first()
    return register.system_save(actor=actor, name=name, unit=unit, handles_personal_information=personal)


def _answer(review, actor):
    sheet = review.sheet
    data = {f"a{item.pk}": "ok" for item in sheet.template.items.all()}
    checklists.sheet_save(sheet, checklists.sheet_form(sheet, data), actor=actor)


def load() -> None:
    user_model = get_user_model()
    chief = user_model.objects.filter(username="chief").first()
    officer = user_model.objects.filter(username="officer").first()
    if chief is None or officer is None or SystemReview.objects.exists():
        return
    if checklists.template_in_use(checklists.Purpose.SECURITY_REVIEW) is None:
        return
    today = timezone.localdate()
    year = fiscal_year(today) - 1
    for name, code, matters, notice, personal, body in LAST_YEAR:
        system = _system(name, code, personal, chief)
        review = services.review_request(actor=chief, system=system, matters=matters, body=body, fiscal_year=year,
                                         description="（デモ）名古屋市の令和6年度の点検結果を模した依頼",
                                         requested_on=date(year, 9, 2))
        services.review_start(actor=chief, review=review)
        if notice is not None:
            _answer(review, chief)
            month, day = notice
            services.review_notify(actor=chief, review=review, result="suitable",
                                   notified_on=date(year if month >= 4 else year + 1, month, day))
    for name, code, matters, description in THIS_YEAR:
        system = _system(name, code, True, chief)
        review = services.review_request(actor=officer if code == "B06" else chief, system=system, matters=matters,
                                         fiscal_year=year + 1, description=description,
                                         requested_on=min(today, date(year + 1, 10, 1)))
        if code != "B06":
            services.review_start(actor=chief, review=review)
