"""研修: courses per fiscal year with their audience [Course], sessions [Session], attendance
[Attendance] and the section head's report of passing the content on [TransmissionReport]."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from hogokan.core.calendar import (
    FIRST_FISCAL_YEAR,
    LAST_FISCAL_YEAR,
    fiscal_year_range,
    wareki,
    wareki_fiscal_year,
)
from hogokan.core.models import LegalRecord
from hogokan.core.validators import DateRange
from hogokan.org.models import OrgUnit, Person, Role

# The first plausible day of a training record (平成): older dates are typing errors.
EARLIEST_TRAINING_DATE = date(1989, 4, 1)
# The roles an audience may name (the contractor for 委託先向け).
AUDIENCE_ROLES = [(value, label) for value, label in Role.choices if value != Role.ADMIN]


class Course(LegalRecord):
    class Kind(models.TextChoices):
        NEW_STAFF = "new_staff", "新規採用職員"
        NEW_HEAD = "new_head", "新任課長級"
        ALL_STAFF = "all_staff", "全職員"
        IT_SUPPORT = "it_support", "情報化推進支援員"
        SPECIFIC = "specific", "特定個人情報"
        ELEARNING = "elearning", "eラーニング (J-LIS)"
        CONTRACTOR = "contractor", "委託先向け"
        OTHER = "other", "その他"

    title = models.CharField("研修名", max_length=200)
    fiscal_year = models.PositiveIntegerField("年度", help_text="西暦（2026 = 令和8年度）")
    kind = models.CharField("研修の種類", max_length=20, choices=Kind.choices)
    description = models.TextField("内容", blank=True)
    audience_roles = models.JSONField("対象の役割", default=list, blank=True,
                                      help_text="空のときは受託者を除くすべての役割")
    audience_units = models.ManyToManyField(OrgUnit, blank=True, related_name="training_courses",
                                            verbose_name="対象の組織（配下を含む）")
    assigned_since = models.DateField("この日以降に配属・就任した人", null=True, blank=True,
                                      validators=[DateRange(EARLIEST_TRAINING_DATE)],
                                      help_text="新規採用職員・新任課長級など、人事異動の後の研修")
    due = models.DateField("受講期限", validators=[DateRange(EARLIEST_TRAINING_DATE)])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="登録者")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "研修"
        verbose_name_plural = "研修"
        ordering = ["-fiscal_year", "due", "pk"]
        indexes = [models.Index(fields=["fiscal_year", "kind"])]

    def __str__(self) -> str:
        return f"{wareki_fiscal_year(self.fiscal_year)} {self.title}"

    def clean(self) -> None:
        errors = {}
        if not FIRST_FISCAL_YEAR <= (self.fiscal_year or 0) <= LAST_FISCAL_YEAR:
            errors["fiscal_year"] = f"年度は{FIRST_FISCAL_YEAR}年度から{LAST_FISCAL_YEAR}年度までで指定してください。"
        elif self.due:
            start, end = fiscal_year_range(self.fiscal_year)
            if not start <= self.due <= end:
                errors["due"] = (f"受講期限は{wareki_fiscal_year(self.fiscal_year)}の期間（{wareki(start)}から"
                                 f"{wareki(end)}まで）の日付にしてください。")
        unknown = [role for role in self.audience_roles or [] if role not in dict(AUDIENCE_ROLES)]
        if not isinstance(self.audience_roles, list) or unknown:
            errors["audience_roles"] = f"対象の役割に不明な値があります: {'、'.join(map(str, unknown))}"
        if errors:
            raise ValidationError(errors)

    @property
    def audience_unit_ids(self) -> list[int]:
        return sorted(unit.pk for unit in self.audience_units.all())

    @property
    def roles_label(self) -> str:
        names = dict(AUDIENCE_ROLES)
        return "、".join(str(names.get(role, role)) for role in self.audience_roles) or "全職員（受託者を除く）"


class Session(LegalRecord):
    """One date of a course (集合研修の回)."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions", verbose_name="研修")
    held_on = models.DateField("開催日", validators=[DateRange(EARLIEST_TRAINING_DATE)])
    place = models.CharField("会場", max_length=200, blank=True)
    capacity = models.PositiveIntegerField("定員", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "研修の回"
        verbose_name_plural = "研修の回"
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{wareki(self.held_on)} {self.place}".strip()

    def clean(self) -> None:
        if self.capacity is not None and self.capacity > 100_000:
            raise ValidationError({"capacity": "定員は100,000人以下で入力してください。"})


class Attendance(LegalRecord):
    class Source(models.TextChoices):
        OFFICE = "office", "事務局"
        SECTION_HEAD = "section_head", "所属長"
        IMPORT = "import", "取込（eラーニング等）"
        API = "api", "API"

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="attendances", verbose_name="研修")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="training_attendances",
                               verbose_name="受講者")
    # The unit the person belonged to when the attendance was recorded (the rates per unit count it there).
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="受講時の所属")
    session = models.ForeignKey(Session, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="attendances", verbose_name="受講した回")
    attended_on = models.DateField("受講日", validators=[DateRange(EARLIEST_TRAINING_DATE, not_future=True)])
    completed = models.BooleanField("修了", default=True)
    source = models.CharField("記録の方法", max_length=20, choices=Source.choices, default=Source.OFFICE)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="記録者")
    recorded_at = models.DateTimeField("記録日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "受講記録"
        verbose_name_plural = "受講記録"
        ordering = ["course", "person__employee_no"]
        constraints = [models.UniqueConstraint(fields=["person", "course"], name="training_attendance_once",
                                               violation_error_message="この職員の受講記録は既にあります。")]
        indexes = [models.Index(fields=["course", "completed"])]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.course.title}）"

    def validate_unique(self, exclude=None):
        # The message names the person (Django's default names only the fields).
        if self.person_id and self.course_id and Attendance.objects.filter(
                person_id=self.person_id, course_id=self.course_id).exclude(pk=self.pk).exists():
            raise ValidationError({"person": f"{self.person.name}（職員番号 {self.person.employee_no}）の受講記録は"
                                             "この研修に既にあります。"})
        super().validate_unique(exclude)

    def clean(self) -> None:
        if self.session_id and self.course_id and self.session.course_id != self.course_id:
            raise ValidationError({"session": "この研修の回を選んでください。"})


class TransmissionReport(LegalRecord):
    """箕面市「受講状況と所属内への伝達」: the section head's report after training."""

    class Status(models.TextChoices):
        ALL = "all", "①全員に伝達"
        SOME = "some", "②一部に伝達"
        NONE = "none", "③伝達していない"

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="transmission_reports",
                               verbose_name="研修")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="所属")
    status = models.CharField("所属内への伝達", max_length=10, choices=Status.choices)
    how = models.TextField("伝達の方法", blank=True, help_text="例: 課内会議で資料を回覧し説明した")
    reported_on = models.DateField("報告日", validators=[DateRange(EARLIEST_TRAINING_DATE, not_future=True)])
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="報告者")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "所属内への伝達の報告"
        verbose_name_plural = "所属内への伝達の報告"
        ordering = ["course", "unit__code"]
        constraints = [models.UniqueConstraint(fields=["course", "unit"], name="training_transmission_once")]

    def __str__(self) -> str:
        return f"{self.unit.name}: {self.get_status_display()}"

    def clean(self) -> None:
        if self.status in (self.Status.ALL, self.Status.SOME) and not self.how.strip():
            raise ValidationError({"how": "伝達したときは伝達の方法を入力してください。"})

    def validate_unique(self, exclude=None):
        exclude = set(exclude or ()) | {"course", "unit"}  # the service updates the existing report instead
        super().validate_unique(exclude)
