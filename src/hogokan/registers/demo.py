"""Demo records for みなと緑市 (loaded by `hogokan demo`; running it again changes nothing).

A few dozen files across the demo units — statutory and non-statutory, one with a withheld item, one
retired, one being revised — their handling affairs with 開始届/変更届/廃止届 over two fiscal years,
and PIAs (one with the ガバメントクラウド move recorded as a 重要な変更, as 箕面市 did).
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from hogokan.org.models import OrgUnit
from hogokan.registers import rules, services
from hogokan.registers.models import HandlingAffair, PersonalInfoFile

OFFICE = "総務局法務課（みなと緑市中央1-1-1 本庁舎3階）"
NON = PersonalInfoFile.Kind.NON_STATUTORY
# (unit code, file name, affair name, record items, scope, kind, exemption, specific, (persons, handlers))
FILES = [
    ("B01", "住民基本台帳ファイル", "住民基本台帳事務", "氏名、生年月日、性別、住所、世帯主との続柄、個人番号", "市内に住所を有する者",
     None, "", True, (380_000, 620)),
    ("B01", "印鑑登録原票ファイル", "印鑑登録事務", "氏名、生年月日、住所、印影", "印鑑登録をした者", None, "", False, None),
    ("B01", "戸籍附票ファイル", "戸籍事務", "氏名、本籍、住所の履歴", "本籍を有する者", None, "", False, None),
    ("B02", "国民健康保険被保険者ファイル", "国民健康保険事務", "氏名、生年月日、被保険者番号、個人番号、所得", "国民健康保険の被保険者",
     None, "", True, (85_000, 310)),
    ("B02", "国民年金被保険者ファイル", "国民年金事務", "氏名、基礎年金番号、個人番号", "第1号被保険者", None, "", True, (42_000, 120)),
    ("B02", "窓口相談記録", "保険年金相談事務", "氏名、相談内容", "窓口で相談した者", NON, "erased", False, None),
    ("B03", "子ども医療費助成ファイル", "子ども医療費助成事務", "氏名、生年月日、保険証の記号番号、所得", "受給資格者", None, "", False, None),
    ("B03", "ひとり親家庭医療費助成ファイル", "ひとり親家庭医療費助成事務", "氏名、世帯の状況、所得", "受給資格者", None, "", False, None),
    ("B04", "個人住民税課税台帳ファイル", "個人住民税賦課事務", "氏名、住所、所得、控除、個人番号", "納税義務者", None, "", True,
     (260_000, 180)),
    ("B04", "固定資産課税台帳ファイル", "固定資産税賦課事務", "所有者の氏名、住所、資産の所在、評価額", "固定資産の所有者", None, "",
     False, None),
    ("B05", "滞納整理ファイル", "市税収納事務", "氏名、住所、滞納額、財産調査の状況", "市税の滞納者", None, "", False, None),
    ("C01", "生活保護ケース記録ファイル", "生活保護事務", "氏名、世帯の状況、収入、病状", "被保護者", None, "", True, (6_200, 90)),
    ("C02", "障害者手帳交付ファイル", "障害者手帳交付事務", "氏名、障害の種別・程度、診断書", "手帳の交付を受けた者", None, "", False, None),
    ("C03", "介護保険被保険者ファイル", "介護保険事務", "氏名、要介護度、個人番号", "第1号・第2号被保険者", None, "", True,
     (98_000, 520)),
    ("C04", "児童手当受給者ファイル", "児童手当事務", "氏名、児童の氏名、口座、個人番号", "受給者", None, "", True, (21_000, 60)),
    ("C05", "保育所入所申込ファイル", "保育所入所事務", "氏名、児童の状況、就労状況", "入所申込者", None, "", False, None),
    ("C06", "健康診査受診者ファイル", "健康診査事務", "氏名、受診日、検査結果", "受診者", None, "", False, None),
    ("C06", "予防接種記録ファイル", "予防接種事務", "氏名、接種日、ワクチンの種類", "接種を受けた者", None, "", False, None),
    ("D02", "粗大ごみ収集申込ファイル", "粗大ごみ収集事務", "氏名、住所、電話番号", "申込者", NON, "mailing", False, None),
    ("D04", "建築確認申請ファイル", "建築確認事務", "建築主の氏名、住所、敷地", "建築主", None, "", False, None),
    ("E01", "融資あっせん申込ファイル", "中小企業融資事務", "代表者の氏名、財務状況", "申込者", None, "", False, None),
    ("A03", "職員人事記録ファイル", "職員人事事務", "氏名、職歴、給与", "職員", NON, "personnel", False, None),
    ("A01", "市政モニター名簿", "市政モニター事務", "氏名、住所、年齢", "市政モニター", NON, "few", False, None),
    ("F01", "北区転入届出書ファイル", "北区住民異動届事務", "氏名、住所、転入前の住所", "転入届出者", None, "", False, None),
    ("G02", "学齢簿ファイル", "就学事務", "氏名、生年月日、保護者、就学校", "学齢児童・生徒", None, "", False, None),
    ("G02", "就学援助ファイル", "就学援助事務", "氏名、世帯の所得", "申請者", None, "", False, None),
    ("H01", "選挙人名簿ファイル", "選挙人名簿事務", "氏名、住所、生年月日", "選挙人", None, "", False, None),
    ("M02", "火災予防査察ファイル", "予防査察事務", "防火管理者の氏名、指摘事項", "防火対象物の関係者", None, "", False, None),
    ("N01", "水道使用者ファイル", "水道料金事務", "氏名、住所、口座、使用水量", "水道使用者", None, "", False, None),
    ("B01", "旧住民票写し交付申請ファイル", "住民票写し交付事務（旧）", "氏名、請求理由", "請求者", None, "", False, None),
]
RETIRED = "旧住民票写し交付申請ファイル"
WITHHELD = ("滞納整理ファイル", "record_scope", "財産調査の対象を公表すると滞納整理事務の適正な遂行に著しい支障を及ぼすため")
REVISED = "印鑑登録原票ファイル"
CLOUD = "住民基本台帳ファイル"


@transaction.atomic
def load() -> bool:
    if PersonalInfoFile.objects.exists():
        return False
    chief = get_user_model().objects.filter(username="chief").first()
    if chief is None:
        return False
    units = {unit.code: unit for unit in OrgUnit.objects.filter(valid_to__isnull=True).select_related("organ")}
    # Files of sections merged since (保険年金課 + 医療助成課 → 保険医療課) now belong to the successor.
    for old in OrgUnit.objects.filter(valid_to__isnull=False).exclude(code__in=units):
        successor = old.current_successor()
        if successor is not None and successor.valid_to is None:
            units[old.code] = successor
    for index, (code, name, affair_name, record_items, scope, kind, exemption, specific, pia) in enumerate(FILES):
        unit = units.get(code)
        if unit is None:
            continue
        started = date(2020, 4, 1) if index % 4 else date(2023, 10, 1 + index % 20)
        affair = HandlingAffair.objects.filter(organ=unit.organ, name=affair_name).first() or services.affair_start(
            actor=chief, organ=unit.organ, unit=unit, name=affair_name, started_on=started, filed_on=started,
            purpose=f"{affair_name}の実施", record_items=record_items)
        withheld = {WITHHELD[1]: WITHHELD[2]} if name == WITHHELD[0] else {}
        registered = date(2022, 4, 1) if index % 3 else date(2024, 5, 1)
        file = services.file_load_published(
            actor=chief, on=registered, name=name, organ=unit.organ, unit=unit, purpose=f"{affair_name}を適正に行うため",
            record_items=record_items, record_scope=scope, collection_method="本人からの申請・届出、関係機関からの通知",
            has_sensitive="病状" in record_items or "障害" in record_items, request_office=OFFICE,
            processing=PersonalInfoFile.Processing.MANUAL if index % 5 == 4 else PersonalInfoFile.Processing.COMPUTER,
            kind=kind or PersonalInfoFile.Kind.STATUTORY, exemption=exemption, is_specific=specific,
            withheld=withheld, handling_affairs=[affair])
        if pia:
            persons, handlers = pia
            record = services.pia_save(actor=chief, file=file, persons=persons, handlers=handlers,
                                       serious_accident=False, published_on=date(2022, 6, 1),
                                       last_reviewed_on=date(2025, 6, 1))
            if name == CLOUD:  # 箕面市: the move to the ガバメントクラウド calls for a re-evaluation
                services.pia_change_record(actor=chief, pia=record, planned_on=date(2026, 12, 1),
                                           description="標準準拠システムへの移行及びガバメントクラウドへの移行")
        if name == RETIRED:
            services.affair_end(actor=chief, affair=affair, ended_on=date(2025, 3, 31), note="オンライン申請に統合")
            services.file_retire(actor=chief, file=file, retired_on=date(2025, 4, 1), reason="事務の廃止")
        if name == REVISED:
            services.file_update(actor=chief, file=file, reason="記録項目の追加",
                                 record_items=record_items + "、電子メールアドレス")
            services.affair_change(actor=chief, affair=affair, effective_on=date(2024, 10, 1),
                                   note="記録項目に電子メールアドレスを追加")
    # One affair without a file yet (the 京都市 audit's finding) and one draft file.
    unit = units.get("C04")
    if unit is not None:
        services.affair_start(actor=chief, organ=unit.organ, unit=unit, name="こども食堂支援事務",
                              started_on=date(2024, 7, 1), purpose="こども食堂の運営支援")
        services.file_create(actor=chief, name="こども食堂利用者名簿", organ=unit.organ, unit=unit,
                             purpose="こども食堂の運営支援", record_items="氏名、年齢", record_scope="利用者",
                             collection_method="本人からの申込", request_office=OFFICE,
                             kind=PersonalInfoFile.Kind.NON_STATUTORY, exemption="few")
    _evaluations(chief, units)
    _public_affairs(chief)
    return True


CHANGES = [
    ("Ⅱ 特定個人情報ファイルの概要\n６．特定個人情報の保管・消去\n保管場所",
     "〈住民情報システムが設置されたデータセンターにおける措置〉\n住民情報システムのサーバは、災害等の脅威や人的脅威から"
     "保護された外部データセンターに設置・保管している。",
     "【令和9年3月まで】\n〈住民情報システムが設置されたデータセンターにおける措置〉（従前のとおり）\n"
     "【令和9年4月以降】\n〈ガバメントクラウドにおける措置〉\n①サーバ等はクラウド事業者が保有・管理する環境に設置し、"
     "設置場所のセキュリティ対策はクラウド事業者が実施する。クラウド事業者は ISMAP のリストに登録されたクラウドサービス"
     "事業者であり、日本国内でのデータ保管を条件とする。"),
    ("Ⅲ リスク対策\n７．特定個人情報の保管・消去\nその他の措置の内容",
     "◆物理的対策\n①データセンターのサーバが設置されている区画への入退室は、ICカード及び生体認証により制御している。",
     "◆物理的対策\n〈ガバメントクラウドにおける措置〉\n①認可された者だけがアクセスできるよう適切な入退室管理策を行っている。\n"
     "◆技術的対策\n①国及びクラウド事業者は利用者のデータにアクセスしない契約等となっている。\n"
     "②ガバメントクラウドの環境はインターネットとは切り離された閉域ネットワークで構成する。"),
    ("Ⅲ リスク対策\n１０．その他のリスク対策", "（ガバメントクラウドにおける措置の記載なし）",
     "〈ガバメントクラウドにおける措置〉\nISMAP において、クラウドサービス事業者は定期的に ISMAP 監査機関リストに"
     "登録された監査機関による監査を行うこととしている。"),
]
CLOUD_TITLE = "地方公共団体の基幹業務システムの統一・標準化に伴う特定個人情報保護評価の再実施について"


def _evaluations(chief, units) -> None:
    """評価書 for every PIA (by its level), one 再実施 of the 重点項目評価書 for the ガバメントクラウド (箕面市, seeds/003)
    consulted on and waiting for the 審議会, and the 審議会 meeting with its 日程."""
    from hogokan.registers import services_evaluation as evaluations
    from hogokan.registers.models import PIA, CouncilAgendaItem

    documents, number = [], 0
    for pia in PIA.objects.select_related("file").order_by("pk"):
        kinds = ["basic"] + (["priority"] if pia.level == rules.BASIC_PRIORITY else
                             ["full"] if pia.level == rules.BASIC_FULL else [])
        for kind in kinds:
            number += 1
            name = pia.file.name.removesuffix("ファイル") + "に関する事務"
            documents.append(evaluations.document_save(actor=chief, pia=pia, number=str(number), name=name, kind=kind,
                                                       published_on=pia.published_on))
    system_office = units.get("A04")
    re_run = [document for document in documents if document.kind == "priority"]
    if system_office is None or not re_run:
        return
    round = evaluations.round_save(
        actor=chief, kind="re", title=CLOUD_TITLE, unit=system_office, planned_on=date(2027, 4, 1),
        reason="令和8年度「地方公共団体の基幹業務システムの統一・標準化」に伴い、住民情報システムの運用が外部データセンターの"
               "プライベートクラウド運用から、国が調達し整備したガバメントクラウドでの運用となるため、現在公表している特定個人"
               "情報保護評価のリスク対策等が変更となることを受け、評価書の再実施を行うもの。",
        documents=re_run, changes=[evaluations.ChangeRow(*row) for row in CHANGES], consulted_on=date(2026, 11, 20))
    meeting = evaluations.meeting_save(actor=chief, session="令和8年度第2回", held_on=date(2027, 1, 21),
                                       place="本庁舎5階 大会議室")
    evaluations.agenda_item_save(actor=chief, meeting=meeting, number=1, kind=CouncilAgendaItem.Kind.CONSULTATION,
                                 title=CLOUD_TITLE, unit=system_office, subject=CouncilAgendaItem.Subject.EVALUATION,
                                 evaluation=round)
    evaluations.agenda_item_save(actor=chief, meeting=meeting, number=2, kind=CouncilAgendaItem.Kind.REPORT,
                                 title="個人情報保護制度の運用状況について（報告）", unit=units.get("A02"),
                                 subject=CouncilAgendaItem.Subject.ANNUAL, fiscal_year=2025)
    evaluations.agenda_item_save(actor=chief, meeting=meeting, number=3, kind=CouncilAgendaItem.Kind.REPORT,
                                 title="個人情報保護委員会の実地調査における指摘事項への対応について", unit=units.get("A02"),
                                 subject=CouncilAgendaItem.Subject.OTHER)


def _public_affairs(chief) -> None:
    """The 取扱事務 the office publishes (issue 22 §5): those with a published file, one with withheld items."""
    from hogokan.registers import services_evaluation as evaluations

    for affair in HandlingAffair.objects.filter(ended_on__isnull=True, files__status=PersonalInfoFile.Status.PUBLISHED
                                                ).distinct().order_by("pk")[:15]:
        withheld = {"record_items": WITHHELD[2]} if affair.name == "市税収納事務" else {}
        evaluations.affair_publication(actor=chief, affair=affair, public=True, withheld=withheld)
