"""The registers as tables: the file list (= the import template's columns), the whole-register
workbook (files, affairs, their 届出, PIAs, versions) and the public register's download."""

from __future__ import annotations

import io
from datetime import date, datetime

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from hogokan.core.exports import XLSX_TYPE, disposition, safe_text
from hogokan.registers import items
from hogokan.registers.models import PersonalInfoFile

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


def file_rows(files):
    """One row per file in FILE_HEADER order; the versions are counted in one query."""
    files = files.prefetch_related("handling_affairs", "versions")
    for file in files:
        versions = list(file.versions.all())
        public = next((v.number for v in versions if v.public), None)
        yield [
            file.organ.name, file.unit.code, file.unit.name, file.name, file.purpose, file.record_items,
            file.record_scope, file.collection_method, yes_no(file.has_sensitive), yes_no(file.has_ordinance_sensitive),
            file.regular_recipients, file.request_office, file.special_procedures, PROCESSING_SHORT[file.processing],
            yes_no(file.anonymization_target), file.proposal_office, file.proposal_period, file.remarks,
            KIND_SHORT[file.kind], EXEMPTION_SHORT.get(file.exemption, ""), file.exemption_note,
            yes_no(file.is_specific), withheld_text(file.withheld),
            "\n".join(a.name for a in file.handling_affairs.all()),
            file.pk, file.get_status_display(), max((v.number for v in versions), default=None), public,
            file.registered_on, file.published_on, file.retired_on, file.retire_reason,
        ]


# ---- the public register --------------------------------------------------------------------------

PUBLIC_HEADER = [item.label for item in items.ITEMS] + ["法定・法定外", "版", "公表日"]


def public_rows(versions):
    for version in versions:
        yield items.public_values(version.snapshot, version.withheld) + [
            version.snapshot.get("kind", ""), version.number, version.published_at]


# ---- the whole register as one workbook -----------------------------------------------------------

def _cell(sheet, value):
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone().replace(tzinfo=None)
    cell = WriteOnlyCell(sheet, value=safe_text(value))
    if isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def _sheet(workbook, title: str, header, rows) -> None:
    sheet = workbook.create_sheet(title[:31])
    bold = Font(bold=True)
    head = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        head.append(cell)
    sheet.freeze_panes = "A2"
    sheet.append(head)
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


def workbook_response(stem: str, sheets: list[tuple[str, list, object]]) -> HttpResponse:
    """A write-only workbook (fast for thousands of rows), one sheet per (title, header, rows)."""
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        _sheet(workbook, title, header, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = disposition(stem, "xlsx")
    return response


AFFAIR_HEADER = ["ID", "行政機関等の名称", "組織コード", "組織名", "事務の名称", "事務の目的", "取り扱う個人情報の項目",
                 "開始日", "廃止日", "関連する個人情報ファイル"]
EVENT_HEADER = ["事務ID", "事務の名称", "届出の種類", "効力発生日", "届出日", "届出の内容"]
PIA_HEADER = ["ID", "特定個人情報ファイル", "組織名", "対象人数", "取扱者数", "重大事故", "実施した評価", "しきい値判断の結果",
              "評価書の公表日", "直近の見直し日", "次回の見直し期限", "再評価の期限", "未対応の重要な変更"]
VERSION_HEADER = ["ファイルID", "個人情報ファイルの名称", "版", "承認日時", "承認者", "公表日時", "公開中"]


def affair_rows(affairs):
    for affair in affairs.select_related("organ", "unit").prefetch_related("files"):
        yield [affair.pk, affair.organ.name, affair.unit.code, affair.unit.name, affair.name, affair.purpose,
               affair.record_items, affair.started_on, affair.ended_on, "\n".join(f.name for f in affair.files.all())]


def event_rows(events):
    for event in events.select_related("affair").order_by("affair_id", "effective_on", "pk"):
        yield [event.affair_id, event.affair.name, event.get_kind_display(), event.effective_on, event.filed_on,
               event.note]


def pia_rows(pias):
    from hogokan.registers import rules

    for pia in pias.select_related("file__unit").prefetch_related("changes"):
        open_changes = [c.description for c in pia.changes.all() if c.reevaluated_on is None]
        yield [pia.pk, pia.file.name, pia.file.unit.name, pia.persons, pia.handlers, yes_no(pia.serious_accident),
               pia.level_label, rules.LEVEL_LABELS[pia.computed.level], pia.published_on, pia.last_reviewed_on,
               pia.review_due, pia.reevaluation_due, "\n".join(open_changes)]


def version_rows(versions):
    for version in versions.select_related("approved_by").order_by("file_id", "number"):
        user = version.approved_by
        yield [version.file_id, version.name, version.number, version.approved_at,
               user.get_full_name() or user.get_username(), version.published_at, "はい" if version.public else ""]
