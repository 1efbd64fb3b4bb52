"""The default reviewer's checklist of the security review of a new or changed system (名古屋市 情報システム等の
情報セキュリティ対策に関する点検, seeds/000_…), as data.

The seed publishes the results, not the form: the items below follow what the seeds' findings and the
京都市 survey ask of a system (per-user IDs, administrator rights, logs and their analysis, removable media,
the server room, the link to the ファイル簿 — DESIGN §4), with 適/否/－. Loaded by the data migration
assets 0003 and after a flush by ``load()`` (apps: post_migrate); only a family that does not exist is
created. A change is a new version (checklists' template_revise), never an edit here.
"""

from __future__ import annotations

REVIEW_FAMILY = "nagoya-system-security-review"
REASON = "標準様式の登録"

# (number, category, text, explanation, dash allowed, ends the sheet on)
REVIEW_ITEMS = [
    ("1", "個人情報の把握", "システムで取り扱う個人情報を個人情報ファイル簿・個人情報取扱事務と対応付けているか。",
     "個人情報を取り扱わないシステムは「－」", True, ""),
    ("2", "個人情報の把握", "取り扱う個人情報は、業務の目的に照らして必要最小限か。", "", True, ""),
    ("3", "利用者認証", "利用者ごとに識別コード（ID）とパスワード等を設け、共用IDを使っていないか。",
     "やむを得ず共用IDを使うときは、利用する者の範囲と管理責任者を定めているか", False, ""),
    ("4", "アクセス権限", "アクセス権限は業務に必要な範囲に限り、管理者権限は必要最低限の者に付与する手続を定めているか。", "",
     False, ""),
    ("5", "アクセス権限", "人事異動・退職・休職の際に、識別コードを速やかに停止・見直す手順を定めているか。", "", False, ""),
    ("6", "ログ", "アクセスログ・操作ログを取得し、保存期間を定めているか。", "", False, ""),
    ("7", "ログ", "ログを定期的に点検・分析する体制（頻度・担当）を定め、利用者に周知しているか。", "", False, ""),
    ("8", "不正な持出しの防止", "端末・サーバから外部記録媒体への書出しや、インターネット経由の持出しを制限しているか。",
     "", False, ""),
    ("9", "ネットワーク", "接続するネットワーク（マイナンバー利用事務系・LGWAN接続系・インターネット接続系）の分離の"
     "基準に従っているか。", "", False, ""),
    ("10", "暗号化", "通信経路及び保存する個人情報を必要に応じて暗号化しているか。", "", False, ""),
    ("11", "脆弱性対策", "修正プログラムの適用・ウイルス対策の実施責任者と手順を定めているか。", "", False, ""),
    ("12", "物理的対策", "サーバ等の設置場所は施錠・入退室管理がされているか（サーバラックの施錠を含む）。",
     "クラウドのときは事業者の管理状況を契約・報告書で確認", False, ""),
    ("13", "委託", "開発・運用の委託先に特記仕様書を適用し、再委託・作業場所・データの消去を定めているか。",
     "委託しないときは「－」", True, ""),
    ("14", "障害・事故時の対応", "障害・漏えい等の事故の連絡体制と、バックアップ・復旧の手順を定めているか。", "", False, ""),
    ("15", "機器の廃棄等", "機器や記録媒体の廃棄・返却時に、記録された情報を復元できない方法で消去し確認する手順を"
     "定めているか。", "", False, ""),
    ("16", "特定個人情報", "特定個人情報を取り扱うときは、特定個人情報保護評価を実施・見直ししているか。",
     "特定個人情報を取り扱わないときは「－」", True, ""),
]

# family, name, purpose, marks, evidence, notes, items (checklists' templates_create_defaults shape)
TEMPLATES = [
    (REVIEW_FAMILY, "情報システム等の情報セキュリティ対策に関する点検（開発・変更）", "security_review", "tekihi", False,
     "所管課から開発・変更の点検の依頼を受けて点検者が記入し、結果を所管課に通知する。「否」の項目は改善を要する事項として"
     "結果の通知に記載する。", REVIEW_ITEMS),
]


def load() -> int:
    """Create the default form where it is missing (after a flush); returns how many were created."""
    from hogokan.checklists.api import templates_create_defaults

    return templates_create_defaults(TEMPLATES, reason=REASON)
