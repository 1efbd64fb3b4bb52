"""The one checklist engine: versioned templates and their items (self-inspection, contractor forms, surveys).

The tables keep the names they had when the self-inspection owned them (``inspections_*``): the
models moved here in state only (migrations checklists 0001 / inspections 0003), no row was copied.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from hogokan.core.models import LegalRecord


class ChecklistTemplate(LegalRecord):
    """One version of a checklist; a version in use never changes, it is superseded by the next."""

    class Kind(models.TextChoices):
        MONTHLY = "monthly", "情報に関する点検表（所属）"
        STAFF = "staff", "職員セルフチェック"
        SYSTEM = "system", "情報システム管理点検"
        SURVEY = "survey", "臨時調査"

    class Status(models.TextChoices):
        DRAFT = "draft", "作成中"
        IN_USE = "in_use", "使用中"
        SUPERSEDED = "superseded", "改訂済み（旧版）"

    family = models.CharField("様式コード", max_length=50)
    version = models.PositiveIntegerField("版")
    name = models.CharField("名称", max_length=200)
    kind = models.CharField("種類", max_length=20, choices=Kind.choices)
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.DRAFT)
    notes = models.TextField("備考（様式に印刷する注意書き）", blank=True)
    published_at = models.DateTimeField("使用開始日時", null=True, blank=True)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    history = HistoricalRecords(table_name="inspections_historicalchecklisttemplate")

    class Meta:
        db_table = "inspections_checklisttemplate"
        verbose_name = "点検表の様式"
        verbose_name_plural = "点検表の様式"
        ordering = ["family", "-version"]
        constraints = [models.UniqueConstraint(fields=["family", "version"], name="template_family_version")]

    def __str__(self) -> str:
        return f"{self.name}（第{self.version}版）"

    @property
    def editable(self) -> bool:
        return self.status == self.Status.DRAFT


class ChecklistItem(models.Model):
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="items",
                                 verbose_name="様式")
    order = models.PositiveIntegerField("並び順")
    number = models.CharField("番号", max_length=10)
    group = models.CharField("区分", max_length=50, blank=True)
    category = models.CharField("分類", max_length=50)
    text = models.TextField("点検項目")
    explanation = models.TextField("解説", blank=True)
    dash_allowed = models.BooleanField("「－」を選べる", default=False)
    history = HistoricalRecords(table_name="inspections_historicalchecklistitem")

    class Meta:
        db_table = "inspections_checklistitem"
        verbose_name = "点検項目"
        verbose_name_plural = "点検項目"
        ordering = ["template", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="item_number_per_template")]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:30]}"
