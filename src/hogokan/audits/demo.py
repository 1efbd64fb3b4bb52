"""Demo audits for みなと緑市 (loaded by `hogokan demo`; running it again changes nothing).

Last year's and this year's audit plans and on-site inspections (ratings, findings, good practices), and
the PPC's 立入検査 findings of 箕面市 (seeds/003_…) rewritten for みなと緑市, most 済み, some 対応中.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from hogokan.audits import services
from hogokan.audits import services_visits as visits
from hogokan.audits.models import AuditPlan, FindingSource
from hogokan.core.calendar import fiscal_year, wareki_fiscal_year
from hogokan.org.models import OrgUnit, Person

# (分類, 指摘事項, 担当課 codes, 対応内容, done) — 箕面市's follow-up table, in みなと緑市's words and units.
PPC_FINDINGS = [
    ("教育研修", "保有個人情報の取扱いに従事する職員に対する研修並びに保護管理者及び保護担当者に対する研修について、"
                 "受講状況の確認をしていなかった。", ["A02"],
     "保護管理者・保護担当者を対象に J-LIS の個人情報保護研修を受講させ、各課の職員に伝達させる。受講状況"
     "（受講結果及び伝達の状況）を報告させる。", True),
    ("教育研修", "保有個人情報を取り扱う情報システムの管理に関する事務に従事する職員の一部が研修を受講していなかった。",
     ["A04"], "年度末までに同様の研修を受講させる。", False),
    ("監査・点検", "保有個人情報の管理の状況に関する監査を実施していなかった。", ["A02"],
     "監査計画を策定し、自己点検及び書面監査の後、実地監査を実施した。", True),
    ("委託", "市民課、保険医療課及び情報政策課において、委託契約書に明記すべき事項の一部を明記していなかった。",
     ["B01", "B06", "A04"], "保険医療課・市民課は変更契約を締結済み。情報政策課は次期契約で対応する。", False),
    ("委託", "情報政策課において、委託先における個人情報の管理の状況を実地検査で確認していなかった。", ["A04"],
     "年に一度、定例会議を委託先の事務所で開き、その機会に現地を確認する。", True),
    ("漏えい等の防止", "住民情報システムのサーバ OS について、セキュリティパッチを適用していなかった。", ["A04"],
     "閉域網でデバイス制御もしているが、標準化への移行に合わせて適用の頻度と方法を定める。", True),
    ("電磁的記録媒体の管理と利用", "市民課及び保険医療課において、外部電磁的記録媒体の取扱いの記録がなかった。",
     ["B01", "B06"], "USB メモリの利用許可・廃棄記録簿を作成し運用している。", True),
    ("アカウント管理", "保険医療課において、長期休職者2名の住民情報システムのユーザ ID を停止していなかった。",
     ["B06", "A04"], "情報政策課から利用者の管理の徹底を通知し、保険医療課は停止を申請した。", True),
    ("サーバーの管理", "サーバ室において、住民基本台帳ネットワークシステムのサーバラックが施錠されていなかった。",
     ["B01", "A04"], "サーバラックを施錠した。", True),
    ("ログ分析", "住民記録システム及び国民健康保険システムについて、定期的にログの分析を行っていなかった。",
     ["A02", "A04"], "", False),
]


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _unit(code):
    return OrgUnit.objects.filter(code=code, valid_to__isnull=True).first()


def load() -> None:
    if FindingSource.objects.filter(kind=FindingSource.Kind.PPC).exists() or AuditPlan.objects.exists():
        return
    chief, auditor, officer = _user("chief"), _user("auditor"), _user("officer")
    if None in (chief, auditor, officer) or _unit("A02") is None:
        return  # the demo body is not loaded
    today = timezone.localdate()
    year = fiscal_year(today)
    auditors = list(Person.objects.filter(user=auditor))
    for which in (year - 1, year):
        visits.plan_save(actor=auditor, fiscal_year=which, kind=AuditPlan.Kind.INTERNAL,
                         title=f"{wareki_fiscal_year(which)} 個人情報の管理の状況に関する監査",
                         theme="保有個人情報の記録媒体、処理経路、保管方法等", auditors=auditors,
                         units=[u for u in (_unit(c) for c in ("A01", "A02", "B01", "B06", "C01")) if u],
                         survey_from=date(which, 9, 1), survey_to=date(which, 9, 30),
                         document_from=date(which, 10, 1), document_to=date(which, 10, 31),
                         onsite_from=date(which + 1, 2, 1), onsite_to=date(which + 1, 2, 28))
    # the PPC's 立入検査 of last year and the city's response
    ppc = services.source_save(actor=chief, kind=FindingSource.Kind.PPC, fiscal_year=year - 1,
                               title=f"{wareki_fiscal_year(year - 1)} 個人情報保護委員会立入検査",
                               held_on=date(year - 1, 5, 20), note="個人情報保護法第156条に基づく実地調査")
    for number, (category, text, codes, response, done) in enumerate(PPC_FINDINGS, start=1):
        finding = services.finding_save(actor=chief, source=ppc, number=number, category=category, text=text,
                                        units=[u for u in (_unit(c) for c in codes) if u], response=response,
                                        due_date=date(year, 3, 31) if done else today + timedelta(days=10 * number))
        if done:
            services.finding_confirm(actor=chief, finding=finding, note="対応を確認")
    # on-site inspections: last year recorded, this year partly recorded, the rest proposed
    ratings = {"A01": "good", "A02": "excellent", "B01": "partial", "B04": "good", "C01": "good", "C06": "poor"}
    for code, rating in ratings.items():
        unit = _unit(code)
        if unit:
            visit = visits.visit_add(actor=chief, fiscal_year=year - 1, unit=unit)
            visits.visit_record(actor=auditor, visit=visit, visited_on=date(year - 1, 11, 10),
                                inspectors="局区等情報保護委員会 山田、佐藤", rating=rating)
    proposed = visits.visits_propose(actor=chief, fiscal_year=year, day=today)
    done_day = min(today, date(year, 11, 15))
    for visit, rating in zip(proposed[:3], ("good", "partial", "excellent"), strict=False):
        visits.visit_record(actor=auditor, visit=visit, visited_on=done_day, inspectors="局区等情報保護委員会 田中、鈴木",
                            rating=rating, summary="点検表の運用は定着している。")
        if rating == "partial":
            visits.visit_finding_add(actor=auditor, visit=visit, category="外部記録媒体の保管、記録",
                                     text="USB メモリの持出しの記録に記入漏れがあった。", due_date=today + timedelta(days=45))
            visits.visit_finding_add(actor=auditor, visit=visit, category="廃棄文書の保管管理",
                                     text="廃棄予定の文書が施錠されていない箱に置かれていた。", due_date=today - timedelta(days=5))
        visits.practice_add(actor=auditor, visit=visit, category="誤送付、誤交付等防止策",
                            text="封入・封かんを二人で読み合わせ、チェック欄に押印している。")
