"""委託 [Contract] and the contractor [Company]: the contract register (issue 13 §1).

The inspections of a running contract are in models_inspections.py; the contractor's filings
(管理体制等報告書, 再委託, 削除・返却報告) in models_filings.py. The life of a contract and where
each rule lives: docs/outsourcing.md.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.jp import cn as corporate_number

from hogokan.core.models import LegalRecord
from hogokan.core.validators import DateRange
from hogokan.org.models import OrgUnit, Person


def validate_corporate_number(value: str) -> None:
    """法人番号 (13 digits, the first a check digit over the other twelve; 法人番号の指定等に関する省令)."""
    if not value:
        return
    try:
        corporate_number.validate(value)
    except StdnumError as exc:
        raise ValidationError("法人番号が正しくありません（13桁の数字で、先頭の検査用数字が合っているか確かめてください）。",
                              code="corporate_number") from exc


class Company(LegalRecord):
    """受託者・指定管理者 (a company or other body), whose people log in with the contractor role."""

    name = models.CharField("法人名", max_length=200, unique=True, help_text="例: 株式会社みなと情報サービス")
    corporate_number = models.CharField("法人番号", max_length=13, blank=True, validators=[validate_corporate_number],
                                        help_text="13桁（国税庁の法人番号公表サイトで確認できます）。個人事業者は空欄。")
    address = models.CharField("所在地", max_length=300, blank=True)
    contact = models.CharField("連絡先（担当部署・電話番号）", max_length=200, blank=True)
    email = models.EmailField("連絡先メールアドレス", blank=True)
    people = models.ManyToManyField(Person, blank=True, related_name="companies",
                                    verbose_name="従事者（ログインする人）",
                                    limit_choices_to={"kind": Person.Kind.CONTRACTOR})
    history = HistoricalRecords()  # people changes are named in the change reason (core.history.link_change)

    class Meta:
        verbose_name = "受託事業者"
        verbose_name_plural = "受託事業者"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["corporate_number"], condition=~models.Q(corporate_number=""),
                                               name="company_corporate_number_unique",
                                               violation_error_message="この法人番号の事業者はすでに登録されています。")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.corporate_number = corporate_number.compact(self.corporate_number or "")


class Contract(LegalRecord):
    class Kind(models.TextChoices):
        # 京都市 行政監査 (seeds/001_…) の委託の区分, and 指定管理・共同事業 as kinds of their own
        SYSTEM = "system", "システム開発・保守等"
        DATA_ENTRY = "data_entry", "データ入力等"
        ENCLOSING = "enclosing", "封入・封かん"
        PRINTING = "printing", "印刷"
        DELIVERY = "delivery", "配送"
        SURVEY_EVENT = "survey_event", "調査・イベント等"
        OTHER = "other", "その他"
        DESIGNATED_MANAGER = "designated_manager", "指定管理"
        JOINT = "joint", "共同事業（協定）"

    class Status(models.TextChoices):
        PREPARING = "preparing", "準備中"
        PRECHECKED = "prechecked", "契約前確認済"
        SIGNED = "signed", "契約済"
        PERFORMING = "performing", "履行中"
        PERFORMED = "performed", "履行終了"
        COMPLETED = "completed", "完了（削除・返却確認済）"

    status_tones = {"preparing": "future", "prechecked": "future", "signed": "current", "performing": "current",
                    "performed": "current", "completed": "ended"}

    title = models.CharField("案件名", max_length=200)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="contracts", verbose_name="所管課")
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="contracts", verbose_name="受託者")
    kind = models.CharField("委託の区分", max_length=30, choices=Kind.choices, default=Kind.OTHER)
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.PREPARING)
    period_start = models.DateField("契約期間（開始）", validators=[DateRange()])
    period_end = models.DateField("契約期間（終了）", validators=[DateRange()])
    handles_personal_information = models.BooleanField("個人情報を取り扱う", default=True)
    persons_handled = models.PositiveIntegerField("取り扱う個人情報の本人の数", default=0)
    handles_my_number = models.BooleanField("特定個人情報を取り扱う", default=False)
    subcontracting = models.BooleanField("再委託あり", default=False)
    files = models.ManyToManyField("registers.PersonalInfoFile", blank=True, related_name="contracts",
                                   verbose_name="取り扱う個人情報ファイル（ファイル簿）")
    affairs = models.ManyToManyField("registers.HandlingAffair", blank=True, related_name="contracts",
                                     verbose_name="関係する個人情報取扱事務")
    special_spec_attached = models.BooleanField("個人情報の取扱いに関する特記仕様書を添付", default=False)
    common_spec_attached = models.BooleanField("共通仕様書（情報システム）を添付", default=False)
    renewal_of = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="renewals",
                                   verbose_name="継続する前の契約（更新・複数年度）")
    precheck_sheet = models.OneToOneField("checklists.AnswerSheet", on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="precheck_contract", verbose_name="委託に係るチェックリスト（資料2）")
    contractor_people = models.ManyToManyField(Person, blank=True, related_name="contracts",
                                               verbose_name="受託者の担当者（ログインする人）")
    history = HistoricalRecords()  # contractor_people changes are named in the change reason (core.history.link_change)

    class Meta:
        verbose_name = "委託"
        verbose_name_plural = "委託"
        ordering = ["-period_start", "title"]
        indexes = [models.Index(fields=["unit", "period_end"]),
                   models.Index(fields=["status", "period_end"], name="contract_status_end"),
                   models.Index(fields=["period_start", "period_end"], name="contract_term")]

    def __str__(self) -> str:
        return f"{self.title}（{self.company.name if self.company_id else ''}）"

    @property
    def contractor_name(self) -> str:
        """受託者の法人名 (the name the minimal record of 2026 kept in a column of its own)."""
        return self.company.name if self.company_id else ""

    @property
    def designated_manager(self) -> bool:
        return self.kind == self.Kind.DESIGNATED_MANAGER

    def clean(self) -> None:
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = "契約期間の終了日は開始日以降の日付にしてください。"
        if not self.handles_personal_information and (self.handles_my_number or self.persons_handled):
            errors["handles_personal_information"] = ("個人情報を取り扱わない委託に、本人の数や特定個人情報は"
                                                      "指定できません。")
        if self.renewal_of_id is not None and self.pk is not None and self.renewal_of_id == self.pk:
            errors["renewal_of"] = "この契約自身を継続元にはできません。"
        if errors:
            raise ValidationError(errors)


# The contractor's filings (管理体制等報告書, 再委託, 削除・返却報告, 取扱件数) live in their own file.
from hogokan.outsourcing.models_filings import (  # noqa: E402,F401
    ContractorReport,
    ContractorYearlyCount,
    DeletionReport,
    Subcontract,
)
from hogokan.outsourcing.models_inspections import ContractInspection, ImprovementReport  # noqa: E402,F401
