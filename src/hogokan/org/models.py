"""Organs (実施機関), the org-unit tree with its history, people and their role assignments."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from hogokan.core.calendar import wareki
from hogokan.core.models import LegalRecord


class Role(models.TextChoices):
    ADMIN = "admin", "システム管理者"
    CHIEF = "chief", "総括保護管理者・事務局"
    MANAGER = "manager", "保護管理者"
    OFFICER = "officer", "保護責任者"
    STAFF = "staff", "保護担当者・職員"
    AUDITOR = "auditor", "監査責任者・監査担当"
    CONTRACTOR = "contractor", "受託者・指定管理者"


# Roles whose scope is the whole body whatever unit they sit in.
BODY_WIDE_ROLES = {Role.ADMIN, Role.CHIEF}
# Roles that must name the unit they act for.
UNIT_ROLES = {Role.MANAGER, Role.OFFICER, Role.STAFF}


class Organ(LegalRecord):
    """実施機関 (市長, 教育委員会 …); ``display_order`` is the row order of the statistics tables."""

    code = models.CharField("コード", max_length=20, unique=True)
    name = models.CharField("名称", max_length=100, unique=True)
    display_order = models.PositiveIntegerField("表示順", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "実施機関"
        verbose_name_plural = "実施機関"
        ordering = ["display_order", "code"]

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    BUREAU = "bureau", "局"
    OFFICE = "office", "室"
    WARD = "ward", "区"
    DEPARTMENT = "department", "部"
    SECTION = "section", "課"
    FACILITY = "facility", "公所"
    OTHER = "other", "その他"


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class OrgUnit(LegalRecord):
    """A unit as it was: its name and place never change in place.

    A rename, move, merge or abolition ends this row (``valid_to``) and, except for an abolition,
    points ``successor`` at the unit that carries on, so records keep the unit as it was.
    """

    organ = models.ForeignKey(Organ, on_delete=models.PROTECT, related_name="units", verbose_name="実施機関")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上位組織"
    )
    # A code stays with a unit through renames, so it is unique per period, not for ever.
    code = models.CharField("組織コード", max_length=30, db_index=True)
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("種別", max_length=20, choices=UnitKind.choices)
    valid_from = models.DateField("設置日")
    valid_to = models.DateField("廃止日（この日まで有効）", null=True, blank=True)
    successor = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="predecessors", verbose_name="承継組織"
    )
    change_note = models.CharField("改編の内容", max_length=200, blank=True)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "組織"
        verbose_name_plural = "組織"
        ordering = ["organ__display_order", "code"]
        indexes = [models.Index(fields=["parent"]), models.Index(fields=["valid_to"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "廃止日は設置日以降の日付にしてください。"})
        if self.code and self.valid_from:  # without a 設置日 clean_fields has already said so
            overlapping = OrgUnit.objects.filter(code=self.code).exclude(pk=self.pk)
            if self.valid_to:
                overlapping = overlapping.filter(valid_from__lte=self.valid_to)
            overlapping = overlapping.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
            if overlapping.exists():
                raise ValidationError({"code": f"組織コード「{self.code}」は同じ期間の別の組織が使っています。"})
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": "自分自身を上位組織にはできません。"})
            if self.parent.organ_id != self.organ_id:
                raise ValidationError({"parent": "上位組織は同じ実施機関の組織にしてください。"})
            ancestor = self.parent
            while ancestor is not None:
                if self.pk and ancestor.pk == self.pk:
                    raise ValidationError({"parent": "下位の組織を上位組織にはできません。"})
                ancestor = ancestor.parent

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def current_successor(self) -> OrgUnit | None:
        """The unit that carries this one on today (following renames and merges), if any."""
        seen = set()
        unit = self
        while unit.successor_id and unit.pk not in seen:
            seen.add(unit.pk)
            unit = unit.successor
        return unit if unit.pk != self.pk else None

    def effective_parent(self) -> OrgUnit | None:
        """The parent as it stands now: a renamed or merged parent is followed to its successor."""
        parent = self.parent
        if parent is not None and parent.valid_to is not None and parent.successor_id:
            return parent.current_successor() or parent
        return parent

    def path(self) -> list[OrgUnit]:
        chain, unit, seen = [], self, set()
        while unit is not None and unit.pk not in seen:
            seen.add(unit.pk)
            chain.append(unit)
            unit = unit.effective_parent()
        return list(reversed(chain))

    def full_name(self) -> str:
        return " ".join(unit.name for unit in self.path())


class Person(LegalRecord):
    class Kind(models.TextChoices):
        STAFF = "staff", "職員"
        CONTRACTOR = "contractor", "受託者の従事者"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="person",
        verbose_name="ログインID",
    )
    employee_no = models.CharField("職員番号", max_length=30, unique=True)
    name = models.CharField("氏名", max_length=100)
    name_kana = models.CharField("氏名（カナ）", max_length=100, blank=True)
    email = models.EmailField("メールアドレス", blank=True)
    kind = models.CharField("区分", max_length=20, choices=Kind.choices, default=Kind.STAFF)
    company = models.CharField("所属事業者", max_length=200, blank=True)
    is_active = models.BooleanField("在籍", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "職員等"
        verbose_name_plural = "職員等"
        ordering = ["employee_no"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == self.Kind.CONTRACTOR and not self.company:
            raise ValidationError({"company": "受託者の従事者は所属事業者を入力してください。"})


class AssignmentQuerySet(models.QuerySet):
    def current_on(self, day: date):
        return self.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gte=day))


class Assignment(LegalRecord):
    """A role a person holds for a unit over a period (人事異動 ends one and starts another)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="assignments", verbose_name="職員等")
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="assignments", verbose_name="組織"
    )
    role = models.CharField("役割", max_length=20, choices=Role.choices)
    title = models.CharField("職名", max_length=100, blank=True)
    start = models.DateField("開始日")
    end = models.DateField("終了日", null=True, blank=True)
    history = HistoricalRecords()

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "配属・役割"
        verbose_name_plural = "配属・役割"
        ordering = ["person__employee_no", "-start"]
        indexes = [models.Index(fields=["unit", "end"]), models.Index(fields=["person", "end"])]

    def __str__(self) -> str:
        where = self.unit.name if self.unit_id else "全庁"
        return f"{where}・{self.get_role_display()}"

    def clean(self) -> None:
        if self.end and self.end < self.start:
            raise ValidationError({"end": "終了日は開始日以降の日付にしてください。"})
        if self.role in UNIT_ROLES and not self.unit_id:
            raise ValidationError({"unit": f"{self.get_role_display()}には組織の指定が必要です。"})
        if self.unit_id and not self.unit.is_valid_on(self.start):
            raise ValidationError({"unit": f"{self.unit.name}は開始日 {self.start} に存在しない組織です。"})

    def is_current_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class PersonnelEvent(models.Model):
    """One change of 人事異動, kept for the modules that react to it (e.g. access reviews)."""

    class Kind(models.TextChoices):
        START = "start", "配属開始"
        END = "end", "配属終了"
        TRANSFER = "transfer", "異動"

    kind = models.CharField("種別", max_length=20, choices=Kind.choices)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="events", verbose_name="職員等")
    effective_date = models.DateField("発令日")
    from_assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="異動前"
    )
    to_assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="異動後"
    )
    batch = models.CharField("一括処理", max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="登録者"
    )
    recorded_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        verbose_name = "人事異動の記録"
        verbose_name_plural = "人事異動の記録"
        ordering = ["-effective_date", "-recorded_at"]

    def __str__(self) -> str:
        return f"{wareki(self.effective_date)} {self.person} {self.get_kind_display()}"


class Leave(LegalRecord):
    """休職・育児休業・病気休暇 of a person: long ones make the person's system accounts an access review."""

    class Kind(models.TextChoices):
        SUSPENSION = "suspension", "休職"
        CHILDCARE = "childcare", "育児休業"
        SICK = "sick", "病気休暇"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="leaves", verbose_name="職員等")
    kind = models.CharField("種別", max_length=20, choices=Kind.choices)
    start = models.DateField("開始日")
    end = models.DateField("終了日（予定を含む）", null=True, blank=True, help_text="未定のときは空欄")
    note = models.CharField("備考", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="登録者"
    )
    recorded_at = models.DateTimeField("登録日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "休職・休業"
        verbose_name_plural = "休職・休業"
        ordering = ["person__employee_no", "-start"]
        indexes = [models.Index(fields=["person", "start"]), models.Index(fields=["end"])]

    def __str__(self) -> str:
        until = f"〜{wareki(self.end)}" if self.end else "〜（未定）"
        return f"{self.person}: {self.get_kind_display()} {wareki(self.start)}{until}"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "終了日は開始日以降の日付にしてください。"})
        if self.person_id and self.start:
            overlapping = Leave.objects.filter(person_id=self.person_id).exclude(pk=self.pk)
            if self.end:
                overlapping = overlapping.filter(start__lte=self.end)
            overlapping = overlapping.filter(Q(end__isnull=True) | Q(end__gte=self.start))
            if overlapping.exists():
                raise ValidationError({"start": f"{self.person.name}さんには期間の重なる休職・休業がすでに登録されています。"})

    def days(self) -> int | None:
        """The length in calendar days (both ends counted); None while the end is not known."""
        return None if self.end is None else (self.end - self.start).days + 1

    def is_current_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)
