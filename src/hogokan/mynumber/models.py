"""番号法 administration: 事務取扱担当者 [Designation] (MNG 第4-2 事務取扱担当者の明確化)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from hogokan.core.calendar import wareki
from hogokan.core.models import LegalRecord
from hogokan.core.validators import DateRange
from hogokan.org.api import unit_subtrees
from hogokan.org.models import OrgUnit, Person
from hogokan.registers.api import HandlingAffair, PersonalInfoFile

# The first plausible day of a My Number record: the 番号法 took effect on 2015-10-05 (平成27年).
EARLIEST_MY_NUMBER_DATE = date(2015, 10, 1)


class Designation(LegalRecord):
    """A 事務取扱担当者: a person named for a unit (optionally for one 特定個人情報ファイル or 取扱事務).

    It ends when it is lifted, or when the person's assignment in the unit ends (人事異動): the
    designation never outlives the assignment (rules.effective_end), and the worker writes that end.
    """

    class EndReason(models.TextChoices):
        NONE = "", "—"
        LIFTED = "lifted", "指定の解除"
        ASSIGNMENT_ENDED = "assignment_ended", "人事異動（所属での配属の終了）"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="mynumber_designations",
                               verbose_name="事務取扱担当者")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="mynumber_designations",
                             verbose_name="所属")
    file = models.ForeignKey(PersonalInfoFile, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="mynumber_designations", verbose_name="特定個人情報ファイル",
                             help_text="空のときは所属のすべての特定個人情報ファイル")
    affair = models.ForeignKey(HandlingAffair, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="mynumber_designations", verbose_name="個人情報取扱事務")
    start = models.DateField("指定日", validators=[DateRange(EARLIEST_MY_NUMBER_DATE)])
    end = models.DateField("終了日", null=True, blank=True, validators=[DateRange(EARLIEST_MY_NUMBER_DATE)])
    end_reason = models.CharField("終了の理由", max_length=20, choices=EndReason.choices, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="登録者")
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "事務取扱担当者の指定"
        verbose_name_plural = "事務取扱担当者の指定"
        ordering = ["unit__code", "-start", "pk"]
        indexes = [models.Index(fields=["unit", "end"]), models.Index(fields=["person", "end"])]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.unit.name}、{wareki(self.start)}から）"

    def clean(self) -> None:
        errors = {}
        if self.end and self.start and self.end < self.start:
            errors["end"] = "終了日は指定日以降の日付にしてください。"
        if self.file_id and self.unit_id:
            if not self.file.is_specific:
                errors["file"] = "特定個人情報ファイルを選んでください（このファイルは特定個人情報ファイルではありません）。"
            elif self.file.status == PersonalInfoFile.Status.RETIRED:
                errors["file"] = "ファイル簿から削除されたファイルには指定できません。"
            elif self.file.unit_id not in unit_subtrees([self.unit_id]):
                errors["file"] = f"{self.unit.name}の特定個人情報ファイルを選んでください。"
        if self.affair_id and self.unit_id and self.affair.unit_id != self.unit_id:
            errors["affair"] = "所属の個人情報取扱事務を選んでください。"
        if errors:
            raise ValidationError(errors)

    def is_current_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)
