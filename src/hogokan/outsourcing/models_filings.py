"""What the contractor files in the portal (issue 13 §3, §5, §6, §8's yearly counts).

- 管理体制等報告書 (第2号様式, 特記仕様書 第12条) [ContractorReport]: 新規 then 変更, one row per
  version, all kept; the safety-measure check items are an answer sheet of the checklist engine
  (purpose ``contractor_report``); the section accepts (受理) or returns it with a reason (差戻し).
- 再委託承諾申請 (特記仕様書 第5条) [Subcontract]: applied for by the contractor, approved or refused
  by the section; an approved sub-contractor is in the contract's chain and files its own report.
- 削除・返却報告 (特記仕様書 第10条) [DeletionReport]: 名称, 媒体, 数量, 方法, 日時, 担当者 and the
  certificate; the section confirms it.
- 取扱件数の報告 [ContractorYearlyCount]: 持出し件数, 自宅持出し件数, 複写・複製件数 per fiscal year
  (名古屋市 受託者等に対する指揮監督状況).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from hogokan.core.models import LegalRecord
from hogokan.org.models import Person
from hogokan.outsourcing.models import Contract

User = settings.AUTH_USER_MODEL


class FilingStatus(models.TextChoices):
    """The states of a filing: the contractor drafts and submits, the section accepts or returns it."""

    DRAFT = "draft", "記入中"
    SUBMITTED = "submitted", "提出済み（確認待ち）"
    ACCEPTED = "accepted", "受理"
    RETURNED = "returned", "差戻し"


class _Reviewed(models.Model):
    """Who submitted, who decided and why it was returned (the fields every filing shares)."""

    submitted_at = models.DateTimeField("提出日時", null=True, blank=True)
    submitted_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name="提出者")
    decided_at = models.DateTimeField("確認日時", null=True, blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name="確認者")
    return_reason = models.TextField("差戻しの理由", blank=True)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)

    class Meta:
        abstract = True


class Subcontract(_Reviewed, LegalRecord):
    """再委託承諾申請 (特記仕様書 第5条②) and, once approved, the sub-contractor in the contract's chain."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "申請中"
        APPROVED = "approved", "承認"
        REFUSED = "refused", "不承認"

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="subcontracts",
                                 verbose_name="委託")
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    company_name = models.CharField("再委託先の名称", max_length=200)
    company_address = models.CharField("再委託先の所在地", max_length=300, blank=True)
    reason = models.TextField("再委託する理由")
    work = models.TextField("再委託して処理する内容")
    information = models.TextField("再委託先において取り扱う個人情報")
    safeguards = models.TextField("再委託先における安全性及び信頼性を確保する対策")
    supervision = models.TextField("再委託先に対する管理及び監督の方法")
    people = models.ManyToManyField(Person, blank=True, related_name="subcontracts",
                                    verbose_name="再委託先の担当者（ログインする人）")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "再委託"
        verbose_name_plural = "再委託"
        ordering = ["contract", "created_at"]

    def __str__(self) -> str:
        return f"{self.company_name}（{self.contract.title}の再委託）"


class ContractorReport(_Reviewed, LegalRecord):
    """個人情報の取扱いに係る管理体制等報告書（新規／変更）(第2号様式), one version of it."""

    class Kind(models.TextChoices):
        NEW = "new", "新規"
        CHANGE = "change", "変更"

    Status = FilingStatus

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="filing_reports",
                                 verbose_name="委託")
    # Blank: the contractor's own report; set: the approved sub-contractor's.
    subcontract = models.ForeignKey(Subcontract, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="reports", verbose_name="再委託先")
    version = models.PositiveIntegerField("版")
    kind = models.CharField("区分", max_length=10, choices=Kind.choices, default=Kind.NEW)
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.DRAFT)
    # 2 個人情報の管理体制
    manager_department = models.CharField("業務責任者の部署名", max_length=100, blank=True)
    manager_title = models.CharField("業務責任者の役職名", max_length=100, blank=True)
    manager_name = models.CharField("業務責任者の氏名", max_length=100, blank=True)
    workers = models.TextField("業務従事者", blank=True, help_text="1行に1人、「部署名　役職名　氏名」の順に記入します。")
    # 3 個人情報の保管，管理等
    work_place = models.TextField("作業場所（住所）", blank=True)
    storage_place = models.TextField("管理場所（具体的に）", blank=True)
    has_handling_rules = models.BooleanField("個人情報等の取扱規程がある", default=False,
                                             help_text="有のときは写しを添付してください。")
    has_certification = models.BooleanField("セキュリティ関連の認証がある（ISMS・プライバシーマーク等）", default=False,
                                            help_text="有のときは写しを添付してください。")
    certification = models.CharField("認証の名称・番号", max_length=300, blank=True)
    # 5 事故発生時の報告体制
    city_contact_name = models.CharField("市の連絡先（担当者氏名）", max_length=100, blank=True)
    city_contact_phone = models.CharField("市の連絡先（電話番号）", max_length=30, blank=True)
    contact_name = models.CharField("受託者の連絡先（担当者氏名）", max_length=100, blank=True)
    contact_phone = models.CharField("受託者の連絡先（電話番号）", max_length=30, blank=True)
    # 6 再委託 / 7 変更の内容及び理由
    subcontracting = models.BooleanField("再委託がある", default=False,
                                         help_text="有のときは再委託承諾申請書を提出してください。")
    change_reason = models.TextField("変更の内容及び理由", blank=True)
    # 4 安全管理措置: the checklist engine's sheet (purpose contractor_report)
    sheet = models.OneToOneField("checklists.AnswerSheet", on_delete=models.PROTECT, related_name="contractor_report",
                                 verbose_name="安全管理措置")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "管理体制等報告書"
        verbose_name_plural = "管理体制等報告書"
        ordering = ["contract", "subcontract", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "version"], condition=models.Q(subcontract__isnull=True),
                                    name="contractor_report_version"),
            models.UniqueConstraint(fields=["subcontract", "version"], name="subcontractor_report_version"),
        ]
        indexes = [models.Index(fields=["contract", "status"], name="report_by_contract_status")]

    def __str__(self) -> str:
        return f"管理体制等報告書（{self.get_kind_display()}・第{self.version}版）"

    @property
    def filer_name(self) -> str:
        return self.subcontract.company_name if self.subcontract_id else self.contract.contractor_name

    @property
    def editable(self) -> bool:
        return self.status in (FilingStatus.DRAFT, FilingStatus.RETURNED)


class DeletionReport(_Reviewed, LegalRecord):
    """個人情報の消去・廃棄・返却の報告 (特記仕様書 第10条②③) with the certificate attached."""

    class Method(models.TextChoices):
        ERASURE = "erasure", "消去（復元不可能な方法）"
        DESTRUCTION = "destruction", "廃棄（物理的な破壊・溶解等）"
        RETURN = "return", "返却・引渡し"

    Status = FilingStatus

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="deletion_reports",
                                 verbose_name="委託")
    status = models.CharField("状態", max_length=20, choices=FilingStatus.choices, default=FilingStatus.SUBMITTED)
    name = models.CharField("名称", max_length=200, help_text="消去・返却した個人情報の名称（例: 住民票交付データ）")
    medium = models.CharField("媒体", max_length=100, help_text="例: サーバーのハードディスク、USBメモリ、紙")
    quantity = models.CharField("数量", max_length=100, help_text="例: 3台、12,000件、段ボール5箱")
    method = models.CharField("方法", max_length=20, choices=Method.choices)
    method_detail = models.CharField("方法の詳細", max_length=300, blank=True,
                                     help_text="例: データ消去ソフトによる上書き消去、溶解処理")
    done_on = models.DateField("日時（実施日）")
    done_time = models.TimeField("日時（時刻）", null=True, blank=True)
    person_in_charge = models.CharField("担当者", max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "削除・返却報告"
        verbose_name_plural = "削除・返却報告"
        ordering = ["contract", "created_at"]
        indexes = [models.Index(fields=["contract", "status"], name="deletion_by_contract_status")]

    def __str__(self) -> str:
        return f"{self.name}の{self.get_method_display()}の報告"

    def clean(self) -> None:
        if self.done_on and self.contract_id and self.done_on < self.contract.period_start:
            raise ValidationError({"done_on": "実施日が契約期間の開始日より前です。日付を確認してください。"})


class ContractorYearlyCount(LegalRecord):
    """The counts a contractor reports for one fiscal year (名古屋市 受託者等に対する指揮監督状況)."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="yearly_counts",
                                 verbose_name="委託")
    fiscal_year = models.PositiveIntegerField("年度")
    takeouts = models.PositiveIntegerField("機密情報の持出し件数", default=0)
    home_takeouts = models.PositiveIntegerField("自宅への持出し件数", default=0)
    copies = models.PositiveIntegerField("複写・複製件数", default=0)
    remarks = models.TextField("備考", blank=True)
    reported_at = models.DateTimeField("報告日時", auto_now=True)
    reported_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name="報告者")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "取扱件数の報告"
        verbose_name_plural = "取扱件数の報告"
        ordering = ["contract", "-fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["contract", "fiscal_year"], name="one_count_per_contract_year")]

    def __str__(self) -> str:
        return f"{self.contract.title}（{self.fiscal_year}年度の取扱件数）"
