"""The default contractor forms of 八千代市 (seeds/004_…, 議題3 資料2・6・7), as data.

Loaded by the data migration checklists 0003 (and again by ``load()``, which the demo calls; both
create only the families that do not exist yet). A change to a form in use is a new version
(``services.template_revise``), never an edit here. The wording is the seed's, full-width commas
included. 資料6/7: items №1 and №2 are not legible in the source (RULES.md §7); the forms start at
№3 and the office adds the first two by revising the template once the original is at hand.
資料2: the seed prints 「□該当なし」 beside №3 and 「□いいえ ⇒終了」 beside №1 only.
"""

from __future__ import annotations

PRECHECK_FAMILY = "yachiyo-contract-precheck"
ONSITE_FAMILY = "yachiyo-contractor-onsite"
DOCUMENT_FAMILY = "yachiyo-contractor-document"
REASON = "標準様式の登録"

# (number, category, text, explanation, dash allowed, ends the sheet on)
PRECHECK_ITEMS = [
    ("1", "", "当該委託において，個人情報を取り扱いますか。", "「はい」⇒№２へ　「いいえ」⇒終了", False, "ng"),
    ("2", "", "個人情報の取扱いに係る業務を派遣労働者によって行わせる場合は，契約書に秘密保持義務等個人情報の取扱いに"
              "関する事項を明記していますか。", "", False, ""),
    ("3", "", "取扱いを委託する個人情報の範囲は，委託する業務内容に照らして必要最小限ですか。", "", True, ""),
    ("4", "", "漏えい等による被害発生のリスクを低減する観点から，提供先の利用目的，委託する業務の内容，保有個人情報の"
              "秘匿性等その内容などを考慮し，必要に応じ，特定の個人を識別することができる記載の全部又は一部を削除し，"
              "又は別の記号等に置き換える等の措置を講じてください。", "", False, ""),
    ("5", "", "契約した業務を開始する前に，委託先から「個人情報の取扱いに関する管理体制等報告書（第２号様式）又は準ずる"
              "書面」を提出させ，特記仕様書に明記した事項を遵守する体制が整っていることを確認してください。", "", False, ""),
    ("6", "", "委託先の選定に当たっては，「個人情報の取扱いに関する特記仕様書」を使用し，個人情報の適切な管理を行う能力を"
              "有しない者を選定することがないようにしていますか。", "", False, ""),
    ("7", "", "契約した業務の履行期間中に，委託先における特記仕様書に明記した事項を遵守状況について「個人情報の取扱いに"
              "係る安全管理措置の遵守状況検査書」を活用した実地検査又は書面検査にて確認してください。", "", False, ""),
]

# 資料6 and 資料7 ask the same items (点検項目 → 点検事項), answered 適・否 with a remark.
COMPLIANCE_ITEMS = [
    ("3", "個人情報の目的外利用及び第三者への提供の禁止",
     "委託者の指示又は承諾がある場合を除き，業務に関して知り得た個人情報を業務の目的以外の目的のために利用し，"
     "又は第三者に提供していないか", "", False, ""),
    ("4", "再委託の制限等", "委託者から事前に承諾を得ることなく再委託を行っていないか", "", False, ""),
    ("5", "複製等の禁止", "委託者の指示又は承諾を得ることなく業務において取り扱う個人情報を複製し，又は当該個人情報が"
                         "記録された資料を複写していないか", "", False, ""),
    ("6", "漏えい，滅失等の防止", "個人情報の漏えい，滅失，改ざん及び毀損防止その他個人情報の適切な管理のために必要な"
                                "措置が講じられているか", "", False, ""),
    ("7", "事故発生時の報告義務", "事故発生時の報告について個人情報の取扱いに関する特記仕様書に沿って適切に行われる体制と"
                                "なっているか", "", False, ""),
    ("8", "個人情報の消去等", "個人情報の消去等について個人情報の取扱いに関する特記仕様書に沿って適切に行われる体制と"
                            "なっているか", "", False, ""),
    ("9", "従業者に対する監督・教育", "従業者に対する教育について個人情報の取扱いに関する特記仕様書に沿って適切に"
                                   "行われているか", "", False, ""),
    ("10", "責任者及び業務従事者の管理体制等の報告", "責任者及び業務従事者の管理体制及び実施体制に関して，個人情報の"
                                              "取扱いに関する特記仕様書（様式２）にて報告している内容と相違はないか",
     "", False, ""),
]

# アカウントの棚卸し (assets): the questions the 所管課 answers beside the per-account confirmation; the
# wording of №4 is the 京都市 standard's (seeds/001_…, 管理者権限の管理).
STOCKTAKE_FAMILY = "account-stocktake"
STOCKTAKE_ITEMS = [
    ("1", "", "すべてのアカウントについて、利用者が現に業務上必要としていることを確認しましたか。", "", False, ""),
    ("2", "", "異動・退職・休職等により利用しなくなった者のアカウントを停止しましたか。", "", True, ""),
    ("3", "", "共用のIDについて、利用する者の範囲と管理責任者を確認しましたか。", "", True, ""),
    ("4", "", "管理者権限を持つ識別コードは、担当職務又は職責に即して必要最低限の者に付与されていますか。", "", True, ""),
    ("5", "", "パスワードの適切な管理（定期的な変更等）を利用者に周知していますか。", "", False, ""),
]

# family, name, purpose, marks, evidence, notes, items
TEMPLATES = [
    (PRECHECK_FAMILY, "個人情報の取扱いの委託に係るチェックリスト", "contract_precheck", "yesno", False,
     "契約ごとに所管課が記入し、確認を受ける（個人情報を取り扱わない委託も提出する）。", PRECHECK_ITEMS),
    (ONSITE_FAMILY, "個人情報の取扱いに係る安全管理措置の遵守状況検査書（実地検査）", "contractor_onsite", "tekihi",
     False, "実施状況は「適」又は「否」を記入し、必要に応じ備考を記入する。", COMPLIANCE_ITEMS),
    (DOCUMENT_FAMILY, "個人情報の取扱いに係る安全管理措置の遵守状況検査書（書面検査）", "contractor_document", "tekihi",
     True, "受託者が実施状況（適・否）を記入し、根拠となる資料を添付して報告する。", COMPLIANCE_ITEMS),
    (STOCKTAKE_FAMILY, "アカウントの棚卸し（確認項目）", "account_stocktake", "yesno", False,
     "システムの所管課が、アカウントごとの確認とあわせて回答する。", STOCKTAKE_ITEMS),
]


def load() -> int:
    """Create version 1 (in use) of each default form whose family does not exist yet; how many were created."""
    from django.db import transaction

    from hogokan.checklists import services

    with transaction.atomic():
        return services.templates_create_defaults(TEMPLATES, reason=REASON)
