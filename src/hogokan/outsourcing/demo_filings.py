"""Demo filings for みなと緑市 (called by outsourcing.demo.load; running it again changes nothing).

- the コンビニ交付 system contract: report v1 accepted, a change (v2, a new worker) waiting for the
  section, an approved sub-contractor, the 2025 yearly counts;
- the ended cancer-screening contract: no deletion report yet (listed as overdue); one filed and waiting
  when that contract has a contractor who logs in.
"""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from django.utils.datastructures import MultiValueDict

from hogokan.checklists import api as checklists
from hogokan.org import api as org
from hogokan.outsourcing import services_filings as filings
from hogokan.outsourcing.models import Contract, ContractorReport, DeletionReport
from hogokan.outsourcing.portal import company_name

REPORT = {"manager_department": "公共システム部", "manager_title": "部長", "manager_name": "港 一郎",
          "workers": "公共システム部　主任　緑川 花子\n公共システム部　担当　青山 次郎",
          "work_place": "みなと緑市港町3-1-1 みなと情報サービス本社ビル", "storage_place": "本社ビル5階 入退室管理された開発室の施錠キャビネット",
          "has_handling_rules": True, "has_certification": True, "certification": "ISMS（ISO/IEC 27001）IS 654321",
          "city_contact_name": "市民課 課長", "city_contact_phone": "0120-000-001", "contact_name": "港 一郎",
          "contact_phone": "03-0000-1111", "subcontracting": True}


def _measures(report, codes=("1", "2")):
    data = {f"a{item.pk}": list(codes) for item in report.sheet.template.items.all()}
    return checklists.sheet_form(report.sheet, MultiValueDict(data))


def _officer(contract):
    return next(iter(org.officers_of(contract.unit, date.today())), None)


def _contractor_user(contract):
    person = contract.contractor_people.filter(user__isnull=False).first()
    return person.user if person else None


def load(system_title: str, ended_title: str) -> None:
    system = Contract.objects.filter(title=system_title).first()
    if system is not None and not ContractorReport.objects.filter(contract=system).exists():
        contractor, officer = _contractor_user(system), _officer(system)
        if contractor is not None:
            first = filings.report_start(actor=contractor, contract=system)
            form = _measures(first)
            form.is_valid()
            filings.report_save(actor=contractor, report=first, sheet_form=form, **REPORT)
            filings.report_submit(actor=contractor, report=first)
            filings.report_accept(actor=officer, report=first, comment="内容を確認しました。")
            sub = filings.subcontract_apply(
                actor=contractor, contract=system, company_name="株式会社みなと入力センター",
                company_address="みなと緑市本町4-5-6", reason="証明書発行データの一括入力のため",
                work="交付申請書のデータ入力", information="氏名、住所、生年月日", safeguards="プライバシーマーク取得、入力室の入退室管理",
                supervision="月次の作業報告と年1回の立入確認")
            filings.subcontract_approve(actor=officer, subcontract=sub, comment="条件を確認のうえ承認")
            change = filings.report_start(actor=contractor, contract=system)
            filings.report_save(actor=contractor, report=change,
                                workers=REPORT["workers"] + "\n公共システム部　担当　白浜 三郎",
                                change_reason="業務従事者の追加（白浜 三郎）")
            filings.report_submit(actor=contractor, report=change)
            filings.yearly_count_save(actor=contractor, contract=system, fiscal_year=2025, takeouts=4,
                                      home_takeouts=0, copies=2, remarks="保守作業での媒体の持出し")
    ended = Contract.objects.filter(title=ended_title).first()
    filer = _contractor_user(ended) if ended is not None else None
    # Without a contractor who logs in, the ended contract stays 未提出 (listed as overdue).
    if filer is not None and not DeletionReport.objects.filter(contract=ended).exists():
        certificate = ContentFile("データ消去証明書（見本）\n".encode(), name="データ消去証明書.txt")
        filings.deletion_report_file(actor=filer, contract=ended, name="個別がん検診受診者データ",
                                     medium="検診機関の受付端末・紙の問診票", quantity="端末2台、問診票12,000枚",
                                     method="destruction", method_detail="端末は消去ソフトで上書き、問診票は溶解処理",
                                     done_on=date(2026, 4, 20), person_in_charge=f"{company_name(ended)} 事務長",
                                     certificate=certificate)
