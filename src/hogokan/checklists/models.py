"""The one checklist engine: versioned templates and their items (self-inspection, contractor forms, surveys).

The tables keep the names they had when the self-inspection owned them (``inspections_*``): the
models moved here in state only (migrations checklists 0001 / inspections 0003), no row was copied.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from hogokan.core.models import LegalRecord

# Mark codes are the same in every mark set, so "failing" is one test (value == NG) for every form.
OK, NG, NA = "ok", "ng", "na"
MARK_SETS = {
    "ox": {OK: "○", NG: "×", NA: "－"},            # 点検表 (self-inspection)
    "tekihi": {OK: "適", NG: "否", NA: "－"},      # 資料6/7 遵守状況検査書
    "yesno": {OK: "はい", NG: "いいえ", NA: "該当なし"},  # 資料2 委託に係るチェックリスト
}


class ChecklistTemplate(LegalRecord):
    """One version of a checklist; a version in use never changes, it is superseded by the next."""

    class Purpose(models.TextChoices):
        SELF_INSPECTION = "self_inspection", "自己点検（点検表）"
        CONTRACT_PRECHECK = "contract_precheck", "委託に係るチェックリスト（契約前・資料2）"
        CONTRACTOR_ONSITE = "contractor_onsite", "安全管理措置の遵守状況検査書（実地検査・資料6）"
        CONTRACTOR_DOCUMENT = "contractor_document", "安全管理措置の遵守状況検査書（書面検査・資料7）"
        AUDIT_SURVEY = "audit_survey", "全庁調査（調査票）"
        AUDIT_ONSITE = "audit_onsite", "実地監査・実地調査"
        ACCOUNT_STOCKTAKE = "account_stocktake", "アカウントの棚卸し"
        CONTRACTOR_REPORT = "contractor_report", "管理体制等報告書（安全管理措置・第2号様式）"
        SECURITY_REVIEW = "security_review", "情報システムのセキュリティ審査（開発・変更）"

    class Marks(models.TextChoices):
        OX = "ox", "○・×（－）"
        TEKIHI = "tekihi", "適・否（－）"
        YESNO = "yesno", "はい・いいえ（該当なし）"

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
    purpose = models.CharField("用途", max_length=30, choices=Purpose.choices, default=Purpose.SELF_INSPECTION)
    # The self-inspection's own kinds; blank for the other purposes.
    kind = models.CharField("種類", max_length=20, choices=Kind.choices, blank=True)
    marks = models.CharField("回答の記号", max_length=10, choices=Marks.choices, default=Marks.OX)
    evidence = models.BooleanField("項目ごとに資料を添付できる", default=False)
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

    @property
    def mark_labels(self) -> dict[str, str]:
        """Mark code → what the form prints (○/×/－, 適/否/－, はい/いいえ/該当なし)."""
        return MARK_SETS[self.marks]


class ChecklistItem(models.Model):
    class AnswerKind(models.TextChoices):
        MARK = "mark", "記号（○・× など）"
        SINGLE = "single", "単一回答"
        MULTIPLE = "multiple", "複数回答"
        NUMBER = "number", "数値"
        TEXT = "text", "記述"

    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="items",
                                 verbose_name="様式")
    order = models.PositiveIntegerField("並び順")
    number = models.CharField("番号", max_length=10)
    group = models.CharField("区分", max_length=50, blank=True)
    category = models.CharField("分類", max_length=50, blank=True)
    text = models.TextField("点検項目")
    explanation = models.TextField("解説", blank=True)
    dash_allowed = models.BooleanField("「－」を選べる", default=False)
    answer_kind = models.CharField("回答形式", max_length=10, choices=AnswerKind.choices, default=AnswerKind.MARK)
    choices = models.JSONField("選択肢", default=list, blank=True,
                               help_text='単一回答・複数回答の選択肢: [{"code": "1", "label": "…"}, …]')
    required = models.BooleanField("回答必須", default=True)
    ends_sheet_on = models.CharField("この回答なら以降の項目は回答不要", max_length=20, blank=True,
                                     help_text="例: 資料2 の№1「いいえ」⇒終了（記号のコード ng）")
    history = HistoricalRecords(table_name="inspections_historicalchecklistitem")

    class Meta:
        db_table = "inspections_checklistitem"
        verbose_name = "点検項目"
        verbose_name_plural = "点検項目"
        ordering = ["template", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="item_number_per_template")]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:30]}"

    def options(self) -> list[tuple[str, str]]:
        """(code, label) the item may be answered with: the template's marks, or the item's choices."""
        if self.answer_kind == self.AnswerKind.MARK:
            labels = MARK_SETS[self.template.marks]
            return [(code, labels[code]) for code in (OK, NG, NA) if code != NA or self.dash_allowed]
        if self.answer_kind in (self.AnswerKind.SINGLE, self.AnswerKind.MULTIPLE):
            return [(str(choice["code"]), str(choice["label"])) for choice in self.choices or []]
        return []

    def clean(self):
        if self.answer_kind in (self.AnswerKind.SINGLE, self.AnswerKind.MULTIPLE):
            choices = self.choices if isinstance(self.choices, list) else None
            if not choices or any(not isinstance(c, dict) or not str(c.get("code", "")).strip()
                                  or not str(c.get("label", "")).strip() for c in choices):
                raise ValidationError({"choices": "選択肢を1つ以上、コードと表示名の組で指定してください。"})
            codes = [str(c["code"]) for c in choices]
            if len(set(codes)) != len(codes):
                raise ValidationError({"choices": "選択肢のコードが重複しています。"})
        elif self.choices:
            raise ValidationError({"choices": "選択肢は単一回答・複数回答の項目だけに指定できます。"})


class AnswerSheet(LegalRecord):
    """One filled-in copy of a template version, owned by a record of another module.

    The owner (a contract's 資料2, an inspection's 資料6/7, a survey's answer, …) holds a foreign
    key to the sheet and decides who may see and answer it (``api.register_sheet_owner``).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "記入中"
        SUBMITTED = "submitted", "提出済み"
        CONFIRMED = "confirmed", "確認済み"
        RETURNED = "returned", "差戻し"

    status_tones = {"draft": "future", "confirmed": "current"}  # submitted: current, returned: overdue

    template = models.ForeignKey(ChecklistTemplate, on_delete=models.PROTECT, related_name="sheets",
                                 verbose_name="様式")
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField("提出日時", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="提出者")
    confirmed_at = models.DateTimeField("確認日時", null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="確認者")
    return_reason = models.TextField("差戻しの理由", blank=True)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "回答票"
        verbose_name_plural = "回答票"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["template", "status"], name="sheet_by_template_status")]

    def __str__(self) -> str:
        return f"{self.template.name}（{self.get_status_display()}）"


class SheetAnswer(models.Model):
    """The answer to one item of one sheet: a mark or option code, the options chosen, a number or a text."""

    sheet = models.ForeignKey(AnswerSheet, on_delete=models.CASCADE, related_name="answers", verbose_name="回答票")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="sheet_answers",
                             verbose_name="項目")
    value = models.CharField("回答", max_length=20, blank=True)
    selected = models.JSONField("選んだ選択肢", default=list, blank=True)
    number = models.BigIntegerField("数値", null=True, blank=True)
    text = models.TextField("記述", blank=True)
    remark = models.CharField("備考", max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "回答票の回答"
        verbose_name_plural = "回答票の回答"
        constraints = [models.UniqueConstraint(fields=["sheet", "item"], name="one_sheet_answer_per_item")]
        # The tally reads (item, value) over many sheets.
        indexes = [models.Index(fields=["item", "value"], name="sheet_answer_by_item_value")]

    def __str__(self) -> str:
        return f"{self.item.number}: {self.value or '、'.join(self.selected) or self.number or self.text[:20]}"

    @property
    def is_blank(self) -> bool:
        return not (self.value or self.selected or self.number is not None or self.text.strip())
