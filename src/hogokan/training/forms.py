"""The forms of the training pages."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from hogokan.core.forms import AccessibleForm, AccessibleModelForm, TableFileField, date_field
from hogokan.core.lists import FilterForm, fiscal_year_field
from hogokan.org.models import OrgUnit
from hogokan.training.models import (
    AUDIENCE_ROLES,
    EARLIEST_TRAINING_DATE,
    Course,
    Session,
    TransmissionReport,
)

MAX_UPLOAD_MB = 10


class CourseForm(AccessibleModelForm):
    audience_roles = forms.MultipleChoiceField(label="対象の役割", choices=AUDIENCE_ROLES, required=False,
                                               widget=forms.CheckboxSelectMultiple,
                                               help_text="選ばないときは受託者を除くすべての役割")
    audience_units = forms.ModelMultipleChoiceField(
        label="対象の組織（配下を含む）", required=False, queryset=OrgUnit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}), help_text="選ばないときは全庁")

    class Meta:
        model = Course
        fields = ["title", "fiscal_year", "kind", "description", "audience_roles", "audience_units",
                  "assigned_since", "due"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience_units"].queryset = OrgUnit.objects.valid_on(timezone.localdate()).order_by("code")


class CourseFilterForm(FilterForm):
    fiscal_year = fiscal_year_field()
    kind = forms.ChoiceField(label="研修の種類", required=False, choices=[("", "すべて"), *Course.Kind.choices])

    def apply(self, queryset):
        data = self.cleaned_data
        if data.get("fiscal_year"):
            queryset = queryset.filter(fiscal_year=data["fiscal_year"])
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        return queryset


class SessionForm(AccessibleModelForm):
    class Meta:
        model = Session
        fields = ["held_on", "place", "capacity"]


class AttendanceForm(AccessibleForm):
    employee_no = forms.CharField(label="職員番号", max_length=30,
                                  error_messages={"required": "職員番号を入力してください。"})
    attended_on = date_field("受講日", earliest=EARLIEST_TRAINING_DATE, not_future=True)
    completed = forms.BooleanField(label="修了した", required=False, initial=True)
    session = forms.ModelChoiceField(label="受講した回", required=False, queryset=Session.objects.none(),
                                     empty_label="（指定しない）")

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = course.sessions.all()


class TransmissionForm(AccessibleModelForm):
    class Meta:
        model = TransmissionReport
        fields = ["status", "how"]
        widgets = {"status": forms.RadioSelect, "how": forms.Textarea(attrs={"rows": 3})}


class ImportForm(AccessibleForm):
    file = TableFileField(max_mb=MAX_UPLOAD_MB, help_text=f"eラーニング（J-LIS 等）の結果ファイル。CSV（UTF-8 または "
                                                         f"Shift_JIS）または Excel（.xlsx）。列: 職員番号、受講日、修了。"
                                                         f"{MAX_UPLOAD_MB}MBまで。")
