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


def _fiscal_year_error(year) -> dict | None:
    if year is not None and not FIRST_FISCAL_YEAR <= year <= LAST_FISCAL_YEAR:
        return {"fiscal_year": f"年度は{FIRST_FISCAL_YEAR}年度から{LAST_FISCAL_YEAR}年度までで入力してください。"}
    return None


class AuditPlan(LegalRecord):
    """監査計画 of one fiscal year (§1): kind, stages (全庁調査 → 書面監査 → 実地監査) with their dates, target
    units and auditors."""

    class Kind(models.TextChoices):
        INTERNAL = "internal", "内部監査"
        ADMINISTRATIVE = "administrative", "行政監査"
        SPECIFIC = "specific", "特定個人情報 監査"
        EXTERNAL = "external", "外部監査"

    STAGES = (("survey", "全庁調査"), ("document", "書面監査"), ("onsite", "実地監査"))

    fiscal_year = models.PositiveIntegerField("年度")
    kind = models.CharField("種別", max_length=20, choices=Kind.choices)
    title = models.CharField("名称", max_length=200, help_text="例: 令和8年度 個人情報の管理の状況に関する監査")
    theme = models.TextField("監査の着眼点", blank=True)
    units = models.ManyToManyField(OrgUnit, related_name="audit_plans", verbose_name="対象課")
    auditors = models.ManyToManyField("org.Person", related_name="audit_plans", verbose_name="監査担当",
                                      blank=True)
    survey_from = models.DateField("全庁調査 開始", null=True, blank=True, validators=[DateRange(EARLIEST_AUDIT_DATE)])
    survey_to = models.DateField("全庁調査 終了", null=True, blank=True, validators=[DateRange(EARLIEST_AUDIT_DATE)])
    document_from = models.DateField("書面監査 開始", null=True, blank=True,
                                     validators=[DateRange(EARLIEST_AUDIT_DATE)])
    document_to = models.DateField("書面監査 終了", null=True, blank=True, validators=[DateRange(EARLIEST_AUDIT_DATE)])
    onsite_from = models.DateField("実地監査 開始", null=True, blank=True, validators=[DateRange(EARLIEST_AUDIT_DATE)])
    onsite_to = models.DateField("実地監査 終了", null=True, blank=True, validators=[DateRange(EARLIEST_AUDIT_DATE)])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "監査計画"
        verbose_name_plural = "監査計画"
        ordering = ["-fiscal_year", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = _fiscal_year_error(self.fiscal_year) or {}
        previous_end, previous_label = None, ""
        for key, label in self.STAGES:
            start, end = getattr(self, f"{key}_from"), getattr(self, f"{key}_to")
            if start and end and end < start:
                errors[f"{key}_to"] = f"{label}の終了日は開始日より後にしてください。"
            if start and previous_end and start < previous_end:
                errors[f"{key}_from"] = f"{label}は{previous_label}の後に始めてください（全庁調査 → 書面監査 → 実地監査）。"
            if end or start:
                previous_end, previous_label = end or start, label
        if errors:
            raise ValidationError(errors)

    @property
    def stages(self) -> list[tuple[str, date | None, date | None]]:
        return [(label, getattr(self, f"{key}_from"), getattr(self, f"{key}_to")) for key, label in self.STAGES
                if getattr(self, f"{key}_from") or getattr(self, f"{key}_to")]


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
    plan = models.ForeignKey(AuditPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="sources",
                             verbose_name="監査計画")
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
        errors = _fiscal_year_error(self.fiscal_year)
        if errors:
            raise ValidationError(errors)


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
    visit = models.ForeignKey("audits.FieldVisit", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="findings", verbose_name="実地調査")
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


# 名古屋市 局区等情報保護委員会による実地調査 (FORMS.md §3): the 区分 of findings and of good practices.
VISIT_FINDING_CATEGORIES = ("課の定め（特定個人情報の取扱いを除く。）", "外部記録媒体の保管、記録", "廃棄文書の保管管理",
                            "パソコン及び付属物の保護対策", "特定個人情報の取扱い", "職員への啓発、研修",
                            "機密情報の持出し等の許可、記録", "行政文書の保管管理", "その他")
PRACTICE_CATEGORIES = ("メール・ＦＡＸの送信", "誤送付、誤交付等防止策", "職員への啓発、研修", "行政文書の保管",
                       "パソコン及び付属物の保護対策", "その他")


class FieldVisit(LegalRecord):
    """実地調査 of one section (§2): proposed by the plan, then recorded (date, inspectors, 総合評価, findings,
    良い取組)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "予定"
        RECORDED = "recorded", "実施済み"
        CANCELLED = "cancelled", "取りやめ"

    class Rating(models.TextChoices):
        EXCELLENT = "excellent", "◎（よくできている）"
        GOOD = "good", "○（できている）"
        PARTIAL = "partial", "△（一部不備がある）"
        POOR = "poor", "×（できていない）"

    RATING_MARKS = {"excellent": "◎", "good": "○", "partial": "△", "poor": "×"}
    status_tones = {"proposed": "future", "recorded": "current"}

    fiscal_year = models.PositiveIntegerField("年度")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="field_visits", verbose_name="調査先")
    plan = models.ForeignKey(AuditPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="visits",
                             verbose_name="監査計画")
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.PROPOSED)
    reason = models.CharField("選定の理由", max_length=200, blank=True)
    visited_on = models.DateField("調査日", null=True, blank=True,
                                  validators=[DateRange(EARLIEST_AUDIT_DATE, not_future=True)])
    inspectors = models.CharField("調査員", max_length=300, blank=True, help_text="例: 情報保護委員会 委員 山田、佐藤")
    rating = models.CharField("総合評価", max_length=20, choices=Rating.choices, blank=True)
    summary = models.TextField("所見", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "実地調査"
        verbose_name_plural = "実地調査"
        ordering = ["-fiscal_year", "unit__code"]
        constraints = [models.UniqueConstraint(fields=["fiscal_year", "unit"], name="one_visit_per_unit_and_year",
                                               violation_error_message="この課はこの年度の実地調査に既に入っています。")]

    def __str__(self) -> str:
        return f"{self.fiscal_year}年度 {self.unit.name}"

    def clean(self):
        errors = _fiscal_year_error(self.fiscal_year) or {}
        if self.status == self.Status.RECORDED:
            if not self.visited_on:
                errors["visited_on"] = "調査日を入力してください。"
            if not self.rating:
                errors["rating"] = "総合評価を選んでください。"
            if not self.inspectors.strip():
                errors["inspectors"] = "調査員を入力してください。"
        if errors:
            raise ValidationError(errors)

    @property
    def rating_mark(self) -> str:
        return self.RATING_MARKS.get(self.rating, "")


class GoodPractice(LegalRecord):
    """良い取組 (工夫している点) seen on a visit, worth sharing with every section."""

    visit = models.ForeignKey(FieldVisit, on_delete=models.PROTECT, related_name="practices", verbose_name="実地調査")
    category = models.CharField("区分", max_length=50, choices=[(c, c) for c in PRACTICE_CATEGORIES])
    text = models.TextField("内容")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "良い取組"
        verbose_name_plural = "良い取組"
        ordering = ["visit", "pk"]

    def __str__(self) -> str:
        return f"{self.visit} {self.category}"
