"""Self-inspection (点検): campaigns, each section's response, corrective actions.

The versioned checklists (``ChecklistTemplate``, ``ChecklistItem``) live in ``hogokan.checklists``;
they are re-exported here for this module's own code only (other modules import them from checklists).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from hogokan.checklists.models import ChecklistItem, ChecklistTemplate
from hogokan.core.models import LegalRecord
from hogokan.inspections.rules import MARKS, NA, NG, OK
from hogokan.org.models import OrgUnit, Person


class Mark(models.TextChoices):
    OK = OK, MARKS[OK]
    NG = NG, MARKS[NG]
    NA = NA, MARKS[NA]


class SectionItem(LegalRecord):
    """個別点検項目: a row the section adds to its own checklist."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="inspection_items", verbose_name="課・公所")
    number = models.CharField("番号", max_length=10)
    category = models.CharField("分類", max_length=50, blank=True)
    text = models.TextField("点検項目")
    dash_allowed = models.BooleanField("「－」を選べる", default=False)
    active = models.BooleanField("使用中", default=True)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "個別点検項目"
        verbose_name_plural = "個別点検項目"
        ordering = ["unit", "number"]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:30]}"


class Campaign(LegalRecord):
    class Kind(models.TextChoices):
        MONTHLY = "monthly", "定期点検（毎月）"
        STRENGTHENING = "strengthening", "点検強化月間"
        SYSTEM = "system", "情報システム管理点検"
        ADHOC = "adhoc", "臨時調査"

    class Status(models.TextChoices):
        OPEN = "open", "受付中"
        CLOSED = "closed", "締切"

    kind = models.CharField("種類", max_length=20, choices=Kind.choices)
    title = models.CharField("名称", max_length=200)
    fiscal_year = models.PositiveIntegerField("年度")
    year = models.PositiveIntegerField("年")
    month = models.PositiveSmallIntegerField("月")
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.PROTECT, related_name="campaigns",
                                 verbose_name="点検表の様式")
    inspection_date = models.DateField("点検日（提出期限）")
    report_due = models.DateField("局区等への報告期限")
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.OPEN)
    generated = models.BooleanField("自動作成", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="作成者")
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "点検"
        verbose_name_plural = "点検"
        ordering = ["-year", "-month", "kind"]
        indexes = [models.Index(fields=["fiscal_year", "kind"])]

    def __str__(self) -> str:
        return self.title


class SurveyQuestion(models.Model):
    """A survey question of one campaign (点検強化月間): the questions are data, not code."""

    class Kind(models.TextChoices):
        SINGLE = "single", "単一回答"
        MULTIPLE = "multiple", "複数回答"
        TEXT = "text", "自由記述"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="questions", verbose_name="点検")
    order = models.PositiveIntegerField("並び順")
    number = models.CharField("番号", max_length=10)
    heading = models.CharField("見出し", max_length=200, blank=True)
    text = models.TextField("設問")
    kind = models.CharField("回答形式", max_length=20, choices=Kind.choices)
    choices = models.JSONField("選択肢", default=list, blank=True)
    text_label = models.CharField("自由記述欄の見出し", max_length=100, blank=True,
                                  help_text="例: その他の主な具体例（空欄なら自由記述欄なし）")

    class Meta:
        verbose_name = "調査の設問"
        verbose_name_plural = "調査の設問"
        ordering = ["campaign", "order"]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:30]}"


class InspectionResponse(LegalRecord):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "未着手"
        DRAFT = "draft", "作成中"
        SUBMITTED = "submitted", "提出済み"
        RETURNED = "returned", "差戻し"
        APPROVED = "approved", "承認済み"

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="responses", verbose_name="点検")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="inspection_responses",
                             verbose_name="課・公所")
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    submitted_at = models.DateTimeField("提出日時", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="提出者")
    late = models.BooleanField("期限後の提出", default=False)
    reviewed_at = models.DateTimeField("確認日時", null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="確認者")
    review_comment = models.TextField("確認コメント", blank=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "点検結果"
        verbose_name_plural = "点検結果"
        ordering = ["campaign", "unit__code"]
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="one_response_per_unit")]
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return f"{self.campaign}・{self.unit}"

    @property
    def is_submitted(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.APPROVED)

    @property
    def is_locked(self) -> bool:
        """A submitted response is locked; corrections go through 差戻し."""
        return self.is_submitted


class Answer(models.Model):
    """One ○/×/－ of one item; campaign and unit are copied here for fast aggregation."""

    response = models.ForeignKey(InspectionResponse, on_delete=models.CASCADE, related_name="answers",
                                 verbose_name="点検結果")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="+", verbose_name="点検")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="課・公所")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, null=True, blank=True, related_name="answers",
                             verbose_name="点検項目")
    section_item = models.ForeignKey(SectionItem, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="answers", verbose_name="個別点検項目")
    value = models.CharField("回答", max_length=2, choices=Mark.choices, blank=True)
    remark = models.CharField("備考", max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "点検の回答"
        verbose_name_plural = "点検の回答"
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item"),
            models.UniqueConstraint(fields=["response", "section_item"], name="one_answer_per_section_item"),
        ]
        # Per-item counts read (campaign, item, value); per-bureau/section tables add the unit.
        indexes = [models.Index(fields=["campaign", "item", "value"]),
                   models.Index(fields=["campaign", "unit", "item", "value"], name="answer_by_unit")]

    def __str__(self) -> str:
        return f"{self.item or self.section_item}: {self.get_value_display()}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(InspectionResponse, on_delete=models.CASCADE, related_name="survey_answers",
                                 verbose_name="点検結果")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers",
                                 verbose_name="設問")
    selected = models.JSONField("選んだ選択肢", default=list, blank=True)
    text = models.TextField("記述", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "調査の回答"
        verbose_name_plural = "調査の回答"
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="one_survey_answer")]

    def __str__(self) -> str:
        return f"{self.question.number}: {'、'.join(self.selected)}"


class CorrectiveAction(LegalRecord):
    """The action a × opens: what, who, by when — tracked until done."""

    class Status(models.TextChoices):
        OPEN = "open", "対応中"
        DONE = "done", "完了"
        CANCELLED = "cancelled", "取消し（回答の訂正による）"

    response = models.ForeignKey(InspectionResponse, on_delete=models.PROTECT, related_name="actions",
                                 verbose_name="点検結果")
    answer = models.OneToOneField(Answer, on_delete=models.PROTECT, related_name="action", verbose_name="回答")
    description = models.TextField("是正の内容", blank=True)
    assignee = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name="担当者")
    due_date = models.DateField("期限", null=True, blank=True)
    status = models.CharField("状態", max_length=10, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField("完了日時", null=True, blank=True)
    done_note = models.TextField("完了報告", blank=True)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "是正措置"
        verbose_name_plural = "是正措置"
        ordering = ["status", "due_date"]

    def __str__(self) -> str:
        return f"{self.answer.item or self.answer.section_item}: {self.description[:30]}"
