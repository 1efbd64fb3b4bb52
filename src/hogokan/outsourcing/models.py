"""委託 [Contract] — the minimal record incidents need; the full contractor oversight is a later issue."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from hogokan.core.models import LegalRecord
from hogokan.org.models import OrgUnit, Person


class Contract(LegalRecord):
    title = models.CharField("案件名", max_length=200)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="contracts", verbose_name="担当課")
    contractor_name = models.CharField("受託者", max_length=200,
                                       help_text="法人名（例: 株式会社みなと情報サービス）")
    period_start = models.DateField("契約期間（開始）")
    period_end = models.DateField("契約期間（終了）")
    designated_manager = models.BooleanField("指定管理", default=False,
                                             help_text="指定管理者制度による管理の委任のとき")
    persons_handled = models.PositiveIntegerField("取り扱う個人情報の本人の数", default=0)
    handles_my_number = models.BooleanField("特定個人情報を取り扱う", default=False)
    subcontracting = models.BooleanField("再委託あり", default=False)
    contractor_people = models.ManyToManyField(Person, blank=True, related_name="contracts",
                                               verbose_name="受託者の担当者（ログインする人）")
    history = HistoricalRecords()  # contractor_people changes are named in the change reason (core.history.link_change)

    class Meta:
        verbose_name = "委託"
        verbose_name_plural = "委託"
        ordering = ["-period_start", "title"]
        indexes = [models.Index(fields=["unit", "period_end"])]

    def __str__(self) -> str:
        return f"{self.title}（{self.contractor_name}）"

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "契約期間の終了日は開始日以降の日付にしてください。"})
