"""番号法 administration: 事務取扱担当者 [Designation] (MNG 第4-2 事務取扱担当者の明確化) and the
特定個人情報の取扱状況記録簿 [LedgerEntry]."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from hogokan.core.calendar import wareki
from hogokan.core.models import LegalRecord
from hogokan.core.validators import DateRange
from hogokan.mynumber import rules
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


class LedgerEntry(LegalRecord):
    """特定個人情報の取扱状況記録簿の1行 (MNG 第4-2 取扱状況を確認する手段): append-only; a mistake is put
    right by a new entry that ``corrects`` it, so what was written stays visible."""

    class Kind(models.TextChoices):
        ACQUIRE = "acquire", "取得"
        USE = "use", "利用"
        PROVIDE = "provide", "提供"
        STORE = "store", "保管"
        TAKE_OUT = "take_out", "持出"
        DISPOSE = "dispose", "廃棄"

    file = models.ForeignKey(PersonalInfoFile, on_delete=models.PROTECT, related_name="mynumber_ledger",
                             verbose_name="特定個人情報ファイル")
    # The unit that kept the entry (the file's, when it was written): lists and permissions go by it.
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="所属")
    handled_on = models.DateField("日付", validators=[DateRange(EARLIEST_MY_NUMBER_DATE, not_future=True)])
    kind = models.CharField("区分", max_length=20, choices=Kind.choices)
    count = models.PositiveIntegerField("件数")
    purpose = models.CharField("提供目的", max_length=300, blank=True, help_text="提供のとき必須")
    recipient = models.CharField("提供先", max_length=200, blank=True, help_text="提供のとき必須")
    handler = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name="取扱者")
    checker = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name="確認者")
    note = models.CharField("備考", max_length=300, blank=True)
    corrects = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="corrections", verbose_name="訂正する記録")
    correction_reason = models.CharField("訂正の理由", max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="記録者")
    recorded_at = models.DateTimeField("記録日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "取扱状況記録簿の記録"
        verbose_name_plural = "取扱状況記録簿"
        ordering = ["-handled_on", "-pk"]
        indexes = [models.Index(fields=["unit", "handled_on"]), models.Index(fields=["file", "handled_on"])]

    def __str__(self) -> str:
        return f"{wareki(self.handled_on)} {self.get_kind_display()} {self.count}件（{self.file.name}）"

    def clean(self) -> None:
        errors = rules.ledger_errors(kind=self.kind, count=self.count, purpose=self.purpose,
                                     recipient=self.recipient)
        if self.file_id and not self.file.is_specific:
            errors["file"] = "特定個人情報ファイルを選んでください。"
        if self.checker_id and self.checker_id == self.handler_id:
            errors["checker"] = "確認者は取扱者とは別の職員にしてください。"
        if self.corrects_id and not self.correction_reason.strip():
            errors["correction_reason"] = "訂正の理由を入力してください。"
        if self.corrects_id and self.file_id and self.corrects.file_id != self.file_id:
            errors["corrects"] = "訂正は同じファイルの記録に対して行ってください。"
        if errors:
            raise ValidationError(errors)
