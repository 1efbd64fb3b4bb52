"""評価書 and their (re-)evaluation, and the 審議会 register (issue 22 §3; seeds/003 箕面市).

- ``EvaluationDocument`` (評価書): one of a PIA's documents (基礎項目・重点項目・全項目評価書), with its
  評価書番号, 名称, 種類 and the 公表日 of its newest version; ``EvaluationVersion`` is every version.
- ``EvaluationRound`` (評価の実施): a new evaluation or a 再実施 of one or more 評価書 at once (箕面市 re-ran six
  重点項目評価書 for the move to the ガバメントクラウド): why, the 変更箇所 (``EvaluationChange``: 項目,
  変更前の記載, 変更後の記載), the 実施時期, the 第三者点検 (諮問日, 答申日, 意見) and its 公表, which makes a
  new version of each of its documents.
- ``CouncilMeeting`` (審議会の開催) with numbered ``CouncilAgendaItem`` (日程: 諮問・報告), each tied to what it
  concerns: an evaluation round (a foreign key: same module), a record of a module above this one such as a
  目的外利用 (a generic link; the module registers the kind through ``registers.api.register_council_subject``),
  or the annual report of a fiscal year.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords

from hogokan.core.calendar import wareki
from hogokan.core.models import LegalRecord
from hogokan.org.models import OrgUnit
from hogokan.registers import rules


class EvaluationDocument(LegalRecord):
    """評価書: one document of a 特定個人情報保護評価 (指針 第5: 基礎項目・重点項目・全項目評価書)."""

    pia = models.ForeignKey("registers.PIA", on_delete=models.PROTECT, related_name="documents",
                            verbose_name="特定個人情報保護評価")
    number = models.CharField("評価書番号", max_length=20)
    name = models.CharField("評価書名", max_length=200, help_text="評価の対象となる事務の名称")
    kind = models.CharField("評価書の種類", max_length=20, choices=list(rules.DOCUMENT_KINDS.items()))
    published_on = models.DateField("公表日", null=True, blank=True)
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "評価書"
        verbose_name_plural = "評価書"
        ordering = ["number", "pk"]
        constraints = [models.UniqueConstraint(fields=["number"], name="evaluation_document_number")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return f"{self.name} {self.get_kind_display()}"


class EvaluationVersion(models.Model):
    """A published version of a 評価書 (第n版), made by an evaluation round or entered as published before."""

    document = models.ForeignKey(EvaluationDocument, on_delete=models.PROTECT, related_name="versions",
                                 verbose_name="評価書")
    number = models.PositiveIntegerField("版")
    published_on = models.DateField("公表日")
    round = models.ForeignKey("registers.EvaluationRound", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="versions", verbose_name="評価の実施")
    note = models.CharField("備考", max_length=200, blank=True)
    recorded_at = models.DateTimeField("登録日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "評価書の版"
        verbose_name_plural = "評価書の版"
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="evaluation_version_number")]

    def __str__(self) -> str:
        return f"{self.document.title}（第{self.number}版）"


class EvaluationRound(LegalRecord):
    """評価の実施: a new evaluation or a 再実施 (指針 第6 2, 第10 2), consulted on and published."""

    class Kind(models.TextChoices):
        REEVALUATION = "re", "再実施"
        NEW = "new", "新規の評価"

    class Status(models.TextChoices):
        DRAFT = "draft", "作成中"
        PUBLISHED = "published", "公表済み"

    kind = models.CharField("区分", max_length=10, choices=Kind.choices, default=Kind.REEVALUATION)
    title = models.CharField("業務の名称", max_length=200,
                             help_text="例: 地方公共団体の基幹業務システムの統一・標準化に伴う特定個人情報保護評価の再実施について")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="業務所管課")
    reason = models.TextField("業務の目的（再実施の理由）")
    planned_on = models.DateField("実施時期")
    documents = models.ManyToManyField(EvaluationDocument, related_name="rounds", verbose_name="評価を行う評価書")
    consulted_on = models.DateField("諮問日", null=True, blank=True)
    answered_on = models.DateField("答申日", null=True, blank=True)
    opinion = models.TextField("答申の意見", blank=True)
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_on = models.DateField("公表日", null=True, blank=True)
    early_publication_reason = models.TextField("答申前に公表した理由", blank=True)
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "評価の実施（再実施）"
        verbose_name_plural = "評価の実施（再実施）"
        ordering = ["-planned_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def planned_label(self) -> str:
        """実施時期 as the paper prints it (令和7年4月)."""
        return wareki(self.planned_on).split("月")[0] + "月" if self.planned_on else ""

    @property
    def stage_label(self) -> str:
        if self.status == self.Status.PUBLISHED:
            return "公表済み"
        if self.answered_on:
            return "答申済み（公表前）"
        if self.consulted_on:
            return "諮問中"
        return "作成中（諮問前）"


class EvaluationChange(models.Model):
    """One row of the 変更箇所 table: 項目, 変更前の記載, 変更後の記載."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="changes",
                              verbose_name="評価の実施")
    position = models.PositiveSmallIntegerField("順")
    item = models.TextField("項目")
    before = models.TextField("変更前の記載", blank=True)
    after = models.TextField("変更後の記載")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "変更箇所"
        verbose_name_plural = "変更箇所"
        ordering = ["round", "position", "pk"]

    def __str__(self) -> str:
        return self.item[:40]


class CouncilMeeting(LegalRecord):
    """審議会の開催: 回, 開催日, 場所 (箕面市 「令和６年度第１回 箕面市個人情報保護制度運営審議会」)."""

    session = models.CharField("回", max_length=50, help_text="例: 令和6年度第1回")
    held_on = models.DateField("開催日")
    place = models.CharField("場所", max_length=200, blank=True)
    note = models.TextField("備考", blank=True)
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "審議会"
        verbose_name_plural = "審議会"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.session}（{wareki(self.held_on)}）"


class CouncilAgendaItem(models.Model):
    """日程: a numbered item of a meeting, 諮問 or 報告, tied to what it concerns."""

    class Kind(models.TextChoices):
        CONSULTATION = "consultation", "諮問"
        REPORT = "report", "報告"

    class Subject(models.TextChoices):
        EVALUATION = "evaluation", "特定個人情報保護評価（評価の実施・再実施）"
        RECORD = "record", "他の記録（目的外利用・提供など）"
        ANNUAL = "annual", "運用状況の報告（年次報告）"
        OTHER = "other", "その他"

    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.PROTECT, related_name="items",
                                verbose_name="審議会")
    number = models.PositiveSmallIntegerField("日程（番号）")
    kind = models.CharField("諮問・報告の別", max_length=20, choices=Kind.choices)
    title = models.CharField("案件名", max_length=300)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="担当課")
    subject = models.CharField("関係する記録の種類", max_length=20, choices=Subject.choices, default=Subject.OTHER)
    evaluation = models.ForeignKey(EvaluationRound, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="agenda_items", verbose_name="評価の実施")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name="関係する記録の種類（他の業務）")
    object_id = models.PositiveBigIntegerField("関係する記録の番号", null=True, blank=True)
    related = GenericForeignKey("content_type", "object_id")
    fiscal_year = models.PositiveSmallIntegerField("報告の対象年度", null=True, blank=True)
    outcome = models.TextField("結果（答申・意見）", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="登録者")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "審議会の日程"
        verbose_name_plural = "審議会の日程"
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="council_item_number")]

    def __str__(self) -> str:
        return f"日程第{self.number} {self.title}"
