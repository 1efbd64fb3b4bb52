"""The registers as tables: the file list (= the import template's columns), the whole-register
workbook (files, affairs, their 届出, PIAs, versions) and the public register's download."""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone

from hogokan.registers import items
from hogokan.registers.models import AffairEvent, FileVersion, PersonalInfoFile

# Short column names of the import template and the export (one column per item of the form).
COLUMNS: list[tuple[str, str]] = [
    ("organ", "行政機関等の名称"),
    ("unit_code", "組織コード"),
    ("unit_name", "組織名"),
    ("name", "個人情報ファイルの名称"),
    ("purpose", "利用目的"),
    ("record_items", "記録項目"),
    ("record_scope", "記録範囲"),
    ("collection_method", "収集方法"),
    ("has_sensitive", "要配慮個人情報"),
    ("has_ordinance_sensitive", "条例要配慮個人情報"),
    ("regular_recipients", "経常的提供先"),
    ("request_office", "開示請求等を受理する組織"),
    ("special_procedures", "他の法令の特別の手続"),
    ("processing", "電算・マニュアルの別"),
    ("anonymization_target", "匿名加工情報の提案募集"),
    ("proposal_office", "提案を受ける組織"),
    ("proposal_period", "提案期間"),
    ("remarks", "備考"),
    ("kind", "法定・法定外"),
    ("exemption", "法定外の理由"),
    ("exemption_note", "法定外の理由の補足"),
    ("is_specific", "特定個人情報ファイル"),
    ("withheld", "公表しない項目"),
    ("handling_affairs", "個人情報取扱事務"),
]
REQUIRED = ("organ", "unit_code", "name", "purpose", "record_items", "record_scope", "collection_method",
            "request_office", "processing", "kind")
SHORT_LABELS = dict(COLUMNS)
EXPORT_EXTRA = ["ID", "状態", "最新の版", "公表中の版", "登載日", "初回公表日", "削除日", "削除の理由"]
FILE_HEADER = [label for _key, label in COLUMNS] + EXPORT_EXTRA
EXEMPTION_SHORT = {
    PersonalInfoFile.Exemption.PERSONNEL: "人事給与等",
    PersonalInfoFile.Exemption.ERASED: "1年以内消去",
    PersonalInfoFile.Exemption.MAILING: "送付連絡専用",
    PersonalInfoFile.Exemption.RESEARCH: "学術研究",
    PersonalInfoFile.Exemption.FEW: "1000人未満",
    PersonalInfoFile.Exemption.SUBSET: "公表済みの範囲内",
    PersonalInfoFile.Exemption.OTHER: "その他",
}
KIND_SHORT = {PersonalInfoFile.Kind.STATUTORY: "法定", PersonalInfoFile.Kind.NON_STATUTORY: "法定外"}
PROCESSING_SHORT = {PersonalInfoFile.Processing.COMPUTER: "電算", PersonalInfoFile.Processing.MANUAL: "マニュアル"}
EXAMPLE_ROW = ["市長", "211", "市民課", "住民基本台帳ファイル", "住民の居住関係の公証その他の住民に関する事務の処理",
               "氏名、生年月日、性別、住所、世帯主との続柄", "市内に住所を有する者", "本人からの届出", "非該当", "非該当",
               "", "総務局法務課（中央1-1-1）", "", "電算", "非該当", "", "", "", "法定", "", "", "該当",
               "記録範囲: 事務の遂行に著しい支障があるため", "住民基本台帳事務"]


def yes_no(value: bool) -> str:
    return "該当" if value else "非該当"


def withheld_text(withheld: dict) -> str:
    return "\n".join(f"{SHORT_LABELS.get(field, field)}: {reason}" for field, reason in (withheld or {}).items())


_FILE_VALUES = ["pk", "organ__name", "unit__code", "unit__name", "name", "purpose", "record_items", "record_scope",
                "collection_method", "has_sensitive", "has_ordinance_sensitive", "regular_recipients", "request_office",
                "special_procedures", "processing", "anonymization_target", "proposal_office", "proposal_period",
                "remarks", "kind", "exemption", "exemption_note", "is_specific", "withheld", "status", "registered_on",
                "published_on", "retired_on", "retire_reason"]
_STATUS_LABELS = dict(PersonalInfoFile.Status.choices)


def _in_chunks(ids: list[int], size: int = 900):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def file_rows(files):
    """One row per file in FILE_HEADER order. Plain values, not model instances, and the linked
    affairs and versions in one query each: 3,000 files come out in a fraction of a second."""
    rows = list(files.values_list(*_FILE_VALUES))
    ids = [row[0] for row in rows]
    affairs, versions = defaultdict(list), defaultdict(list)
    through = PersonalInfoFile.handling_affairs.through
    for chunk in _in_chunks(ids):
        for file_id, name in (through.objects.filter(personalinfofile_id__in=chunk)
                              .values_list("personalinfofile_id", "handlingaffair__name").order_by("pk")):
            affairs[file_id].append(name)
        for file_id, number, public in (FileVersion.objects.filter(file_id__in=chunk)
                                        .values_list("file_id", "number", "public")):
            versions[file_id].append((number, public))
    for (pk, organ, unit_code, unit_name, name, purpose, record_items, record_scope, collection_method, sensitive,
         ordinance_sensitive, recipients, request_office, special, processing, anonymization, proposal_office,
         proposal_period, remarks, kind, exemption, exemption_note, specific, withheld, status, registered_on,
         published_on, retired_on, retire_reason) in rows:
        numbers = versions.get(pk, [])
        yield [
            organ, unit_code, unit_name, name, purpose, record_items, record_scope, collection_method, yes_no(sensitive),
            yes_no(ordinance_sensitive), recipients, request_office, special, PROCESSING_SHORT[processing],
            yes_no(anonymization), proposal_office, proposal_period, remarks, KIND_SHORT[kind],
            EXEMPTION_SHORT.get(exemption, ""), exemption_note, yes_no(specific), withheld_text(withheld),
            "\n".join(affairs.get(pk, [])), pk, _STATUS_LABELS[status], max((n for n, _p in numbers), default=None),
            next((n for n, p in numbers if p), None), registered_on, published_on, retired_on, retire_reason,
        ]


# ---- the public register --------------------------------------------------------------------------

PUBLIC_HEADER = [item.label for item in items.ITEMS] + ["法定・法定外", "版", "公表日"]


def public_rows(versions):
    for version in versions:
        yield items.public_values(version.snapshot, version.withheld) + [
            version.snapshot.get("kind", ""), version.number,
            timezone.localtime(version.published_at).date() if version.published_at else None]


# ---- the other registers ------------------------------------------------------------------------

AFFAIR_HEADER = ["ID", "行政機関等の名称", "組織コード", "組織名", "事務の名称", "事務の目的", "取り扱う個人情報の項目",
                 "開始日", "廃止日", "関連する個人情報ファイル"]
EVENT_HEADER = ["事務ID", "事務の名称", "届出の種類", "効力発生日", "届出日", "届出の内容"]
PIA_HEADER = ["ID", "特定個人情報ファイル", "組織名", "対象人数", "取扱者数", "重大事故", "実施した評価", "しきい値判断の結果",
              "評価書の公表日", "直近の見直し日", "次回の見直し期限", "再評価の期限", "未対応の重要な変更"]
VERSION_HEADER = ["ファイルID", "個人情報ファイルの名称", "版", "承認日時", "承認者", "公表日時", "公開中"]


def affair_rows(affairs):
    rows = list(affairs.values_list("pk", "organ__name", "unit__code", "unit__name", "name", "purpose", "record_items",
                                    "started_on", "ended_on"))
    files = defaultdict(list)
    through = PersonalInfoFile.handling_affairs.through
    for chunk in _in_chunks([row[0] for row in rows]):
        for affair_id, name in (through.objects.filter(handlingaffair_id__in=chunk)
                                .values_list("handlingaffair_id", "personalinfofile__name").order_by("pk")):
            files[affair_id].append(name)
    for row in rows:
        yield [*row, "\n".join(files.get(row[0], []))]


def event_rows(events):
    kinds = dict(AffairEvent.Kind.choices)
    for affair_id, name, kind, effective_on, filed_on, note in (
            events.order_by("affair_id", "effective_on", "pk")
            .values_list("affair_id", "affair__name", "kind", "effective_on", "filed_on", "note")):
        yield [affair_id, name, kinds[kind], effective_on, filed_on, note]


def pia_rows(pias):
    from hogokan.registers import rules

    for pia in pias.select_related("file__unit").prefetch_related("changes"):
        open_changes = [c.description for c in pia.changes.all() if c.reevaluated_on is None]
        yield [pia.pk, pia.file.name, pia.file.unit.name, pia.persons, pia.handlers, yes_no(pia.serious_accident),
               pia.level_label, rules.LEVEL_LABELS[pia.computed.level], pia.published_on, pia.last_reviewed_on,
               pia.review_due, pia.reevaluation_due, "\n".join(open_changes)]


def version_rows(versions):
    for file_id, name, number, approved_at, first, last, username, published_at, public in (
            versions.order_by("file_id", "number").values_list(
                "file_id", "name", "number", "approved_at", "approved_by__first_name", "approved_by__last_name",
                "approved_by__username", "published_at", "public")):
        full_name = f"{first} {last}".strip()
        yield [file_id, name, number, approved_at, full_name or username, published_at, "はい" if public else ""]
