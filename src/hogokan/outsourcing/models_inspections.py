"""Inspections while the contract runs (issue 13 §4): 遵守状況検査 (資料6 実地検査, 資料7 書面検査) and the
改善報告 a 否 asks for.

- [ContractInspection] one per contract and fiscal year the rule (``rules.inspections``) asks for
  (``origin`` rule), kept in step with the contract by ``services_inspections.inspections_sync``, plus
  the on-site inspections the officer adds (``origin`` added; the rule is a minimum). Its answers are
  an answer sheet of the checklist engine (purposes ``contractor_onsite`` / ``contractor_document``).
  予定 → 回答待ち (document: the contractor answers in the portal) → 確認中 → 完了 / 改善報告待ち;
  an inspection the rule no longer asks for and not begun is 不要 (never deleted).
- [ImprovementReport] 改善報告: requested with a due date when the result has a 否; the contractor
  files it, the section accepts it (受理) or returns it with a reason (差戻し).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from hogokan.core.models import LegalRecord
from hogokan.outsourcing.models import Contract

User = settings.AUTH_USER_MODEL


class ContractInspection(LegalRecord):
    class Kind(models.TextChoices):
        ONSITE = "onsite", "実地検査"
        DOCUMENT = "document", "書面検査"

    class Status(models.TextChoices):
        PLANNED = "planned", "予定"
        ANSWERING = "answering", "回答待ち（受託者）"
        REVIEWING = "reviewing", "確認中"
        DONE = "done", "完了"
        IMPROVEMENT = "improvement", "改善報告待ち"
        CANCELLED = "cancelled", "不要（予定の取消し）"

    class Origin(models.TextChoices):
        RULE = "rule", "基準による"
        ADDED = "added", "追加（担当課の判断）"

    status_tones = {"planned": "future", "answering": "current", "reviewing": "current", "done": "ended",
                    "improvement": "current", "cancelled": "ended"}

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="inspections", verbose_name="委託")
    fiscal_year = models.PositiveIntegerField("年度")
    kind = models.CharField("検査の種類", max_length=10, choices=Kind.choices)
    origin = models.CharField("根拠", max_length=10, choices=Origin.choices, default=Origin.RULE)
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.PLANNED)
    due_on = models.DateField("期限")
    sheet = models.OneToOneField("checklists.AnswerSheet", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="contract_inspection", verbose_name="遵守状況検査書")
    inspected_on = models.DateField("検査実施日", null=True, blank=True)
    inspector = models.CharField("検査実施者", max_length=100, blank=True)
    # 資料7: 受託者検査対応者
    respondent_department = models.CharField("受託者検査対応者（部署名）", max_length=100, blank=True)
    respondent_title = models.CharField("受託者検査対応者（職位名）", max_length=100, blank=True)
    respondent_name = models.CharField("受託者検査対応者（担当者名）", max_length=100, blank=True)
    requested_at = models.DateTimeField("回答の依頼日時", null=True, blank=True)
    answered_at = models.DateTimeField("回答日時", null=True, blank=True)
    answered_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name="回答者")
    return_reason = models.TextField("差戻しの理由", blank=True)
    result_comment = models.TextField("検査結果の所見", blank=True)
    notified_at = models.DateTimeField("結果の通知日時", null=True, blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name="結果の確定者")
    notes = models.TextField("備考", blank=True)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "受託者への検査"
        verbose_name_plural = "受託者への検査"
        ordering = ["due_on", "contract", "pk"]
        constraints = [models.UniqueConstraint(fields=["contract", "fiscal_year"], condition=models.Q(origin="rule"),
                                               name="one_rule_inspection_per_contract_year")]
        indexes = [models.Index(fields=["status", "due_on"], name="inspection_status_due"),
                   models.Index(fields=["fiscal_year", "status"], name="inspection_year_status")]

    def __str__(self) -> str:
        return f"{self.fiscal_year}年度 {self.get_kind_display()}（{self.contract.title}）"

    @property
    def is_document(self) -> bool:
        return self.kind == self.Kind.DOCUMENT

    @property
    def open(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.ANSWERING, self.Status.REVIEWING)

    def overdue_on(self, today) -> bool:
        return self.open and self.due_on < today


class ImprovementReport(LegalRecord):
    """改善報告書: what the contractor did about the 否 of an inspection, until the section accepts it."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "提出待ち"
        SUBMITTED = "submitted", "提出済み（確認待ち）"
        ACCEPTED = "accepted", "受理"
        RETURNED = "returned", "差戻し"

    inspection = models.ForeignKey(ContractInspection, on_delete=models.PROTECT, related_name="improvements",
                                   verbose_name="検査")
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.REQUESTED)
    due_on = models.DateField("提出期限")
    findings = models.TextField("改善を求める事項", help_text="「否」の項目と、その備考")
    measures = models.TextField("改善の内容", blank=True, help_text="否とされた項目ごとに、講じた措置を記入します。")
    done_on = models.DateField("改善の実施日", null=True, blank=True)
    submitted_at = models.DateTimeField("提出日時", null=True, blank=True)
    submitted_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name="提出者")
    decided_at = models.DateTimeField("確認日時", null=True, blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name="確認者")
    return_reason = models.TextField("差戻しの理由", blank=True)
    created_at = models.DateTimeField("依頼日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "改善報告"
        verbose_name_plural = "改善報告"
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="improvement_status_due")]

    def __str__(self) -> str:
        return f"改善報告（{self.inspection}）"

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.REQUESTED, self.Status.RETURNED)

    @property
    def open(self) -> bool:
        return self.status != self.Status.ACCEPTED
