"""監査・実地調査・指摘事項: where a finding comes from [FindingSource], the findings [Finding] and
their dated progress [FindingProgress] (issue 14 §3; 箕面市 seeds/003_… フォローアップ管理表)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from hogokan.core.calendar import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR
from hogokan.core.models import LegalRecord
from hogokan.core.validators import DateRange
from hogokan.org.models import OrgUnit

# The first plausible day of an audit record (平成): older dates are typing errors.
EARLIEST_AUDIT_DATE = date(1989, 1, 1)


class FindingSource(LegalRecord):
    """Where findings come from: an audit, an on-site inspection, the PPC's 立入検査 … (one follow-up table each)."""

    class Kind(models.TextChoices):
        INTERNAL = "internal", "内部監査"
        ADMINISTRATIVE = "administrative", "行政監査"
        ONSITE = "onsite", "実地調査"
        PPC = "ppc", "個人情報保護委員会 立入検査"
        EXTERNAL = "external", "外部監査"
        INCIDENT_REVIEW = "incident_review", "事案の検証"

    kind = models.CharField("種別", max_length=20, choices=Kind.choices)
    title = models.CharField("名称", max_length=200, help_text="例: 令和6年度 個人情報保護委員会立入検査")
    fiscal_year = models.PositiveIntegerField("年度")
    held_on = models.DateField("実施日", null=True, blank=True, validators=[DateRange(EARLIEST_AUDIT_DATE)])
    note = models.TextField("備考", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="登録者", null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "指摘事項の出典"
        verbose_name_plural = "指摘事項の出典"
        ordering = ["-fiscal_year", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.fiscal_year is not None and not FIRST_FISCAL_YEAR <= self.fiscal_year <= LAST_FISCAL_YEAR:
            raise ValidationError({"fiscal_year": f"年度は{FIRST_FISCAL_YEAR}年度から{LAST_FISCAL_YEAR}年度までで"
                                                  "入力してください。"})


class Finding(LegalRecord):
    """One 指摘事項 and its follow-up: 項番, 指摘事項, 担当課, 対応内容, 期限, 区分 (対応中 / 済み)."""

    class Status(models.TextChoices):
        OPEN = "open", "対応中"
        REPORTED = "reported", "完了報告（事務局の確認待ち）"
        DONE = "done", "済み"

    status_tones = {"reported": "future"}  # awaiting the office (open and done take the shared tones)

    source = models.ForeignKey(FindingSource, on_delete=models.PROTECT, related_name="findings",
                               verbose_name="出典")
    number = models.PositiveIntegerField("項番")
    category = models.CharField("分類", max_length=100, blank=True, help_text="例: 教育研修、委託、アカウント管理")
    text = models.TextField("指摘事項")
    units = models.ManyToManyField(OrgUnit, related_name="audit_findings", verbose_name="担当課")
    response = models.TextField("対応内容", blank=True)
    due_date = models.DateField("対応期限", null=True, blank=True, validators=[DateRange(EARLIEST_AUDIT_DATE)])
    status = models.CharField("区分", max_length=20, choices=Status.choices, default=Status.OPEN)
    reported_on = models.DateField("完了報告日", null=True, blank=True, editable=False)
    confirmed_on = models.DateField("確認日", null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     null=True, blank=True, editable=False, verbose_name="確認者")
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "指摘事項"
        verbose_name_plural = "指摘事項"
        ordering = ["source", "number"]
        constraints = [models.UniqueConstraint(fields=["source", "number"], name="finding_number_once_per_source",
                                               violation_error_message="この出典では、その項番は既に使われています。")]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.source.title} 項番{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.DONE


class FindingProgress(LegalRecord):
    """A dated entry of what was done about a finding (対応の経過)."""

    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="progress", verbose_name="指摘事項")
    recorded_on = models.DateField("日付", validators=[DateRange(EARLIEST_AUDIT_DATE, not_future=True)])
    text = models.TextField("対応の経過")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="記録者")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "対応の経過"
        verbose_name_plural = "対応の経過"
        ordering = ["recorded_on", "pk"]

    def __str__(self) -> str:
        return f"{self.finding} {self.recorded_on}"
