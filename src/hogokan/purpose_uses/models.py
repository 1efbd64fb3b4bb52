"""目的外利用・提供 (法69, 70): one record per use or provision, drafted by the unit, approved by the office."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from hogokan.core.calendar import wareki
from hogokan.core.models import LegalRecord
from hogokan.org.models import Organ, OrgUnit
from hogokan.purpose_uses import rules


class OutOfPurposeUse(LegalRecord):
    class Kind(models.TextChoices):
        USE = rules.USE, rules.KIND_LABELS[rules.USE]
        PROVISION = rules.PROVISION, rules.KIND_LABELS[rules.PROVISION]

    class Basis(models.TextChoices):
        LAW = rules.LAW, rules.BASIS_LABELS[rules.LAW]
        CONSENT = rules.CONSENT, rules.BASIS_LABELS[rules.CONSENT]
        INTERNAL = rules.INTERNAL, rules.BASIS_LABELS[rules.INTERNAL]
        OTHER_BODY = rules.OTHER_BODY, rules.BASIS_LABELS[rules.OTHER_BODY]
        SPECIAL = rules.SPECIAL, rules.BASIS_LABELS[rules.SPECIAL]
        MY_NUMBER_19 = rules.MY_NUMBER_19, rules.BASIS_LABELS[rules.MY_NUMBER_19]

    class Status(models.TextChoices):
        DRAFT = "draft", "起案中"
        CONSULTING = "consulting", "合議中（事務局）"
        RETURNED = "returned", "差戻し"
        APPROVED = "approved", "承認済み"
        WITHDRAWN = "withdrawn", "取りやめ"

    kind = models.CharField("区分", max_length=20, choices=Kind.choices)
    organ = models.ForeignKey(Organ, on_delete=models.PROTECT, related_name="+", verbose_name="実施機関")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="保有する課")
    used_on = models.DateField("利用・提供日")
    # The 個人情報ファイル簿 when it is registered; the name stays (a 取扱事務 or a file not yet in the register).
    file_or_affair_name = models.CharField("個人情報ファイル・取扱事務の名称", max_length=200)
    personal_info_file = models.ForeignKey("registers.PersonalInfoFile", null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+",
                                           verbose_name="個人情報ファイル簿")
    items = models.CharField("利用・提供する記録項目", max_length=300, blank=True)
    persons_count = models.PositiveIntegerField("本人の数", null=True, blank=True)
    recipient = models.CharField("利用する課・提供先", max_length=200)
    purpose = models.TextField("利用・提供の目的")
    basis = models.CharField("根拠", max_length=20, choices=Basis.choices)
    law_name = models.CharField("根拠法令（条項）", max_length=200, blank=True)
    basis_reason = models.TextField("相当の理由・特別の理由", blank=True)
    specific_personal_info = models.BooleanField("特定個人情報を含む", default=False)
    no_unfair_harm = models.BooleanField("本人又は第三者の権利利益を不当に侵害するおそれがない", default=False)
    harm_note = models.TextField("不当侵害のおそれの検討", blank=True)
    law70_requested = models.BooleanField("提供先への措置要求（法70）", default=False)
    law70_content = models.TextField("措置要求の内容（利用目的・方法の制限、安全確保の措置）", blank=True)
    law70_requested_on = models.DateField("措置要求日", null=True, blank=True)
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_on = models.DateField("合議日", null=True, blank=True)
    approved_on = models.DateField("承認日", null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="承認者")
    office_comment = models.TextField("事務局の意見", blank=True)
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "目的外利用・提供"
        verbose_name_plural = "目的外利用・提供"
        ordering = ["-used_on", "-pk"]
        indexes = [models.Index(fields=["used_on"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_or_affair_name}（{wareki(self.used_on)}）"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.unit_id and self.organ_id and self.unit.organ_id != self.organ_id:
            raise ValidationError({"unit": "保有する課は選んだ実施機関の組織から選んでください。"})
        errors = rules.basis_errors(self.kind, self.basis, specific_personal_info=self.specific_personal_info,
                                    law_name=self.law_name, no_unfair_harm=self.no_unfair_harm,
                                    law70_requested=self.law70_requested)
        if errors:
            raise ValidationError(errors)
