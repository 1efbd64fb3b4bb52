"""The forms of the removable-media and take-out pages (validation only)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from hogokan.assets.models_media import (
    EARLIEST_MEDIA_DATE,
    MediumCheck,
    MediumStocktake,
    RemovableMedium,
    TakeOut,
)
from hogokan.core.forms import AccessibleForm, AccessibleModelForm, date_field, wire_aria
from hogokan.core.lists import FilterForm, fiscal_year_field
from hogokan.org.api import assignments_held
from hogokan.org.models import OrgUnit, Person

TEXT = {"rows": 3, "cols": 60}


def _people_of(unit: OrgUnit):
    """The people who work in ``unit`` today (whom a medium may be permitted to)."""
    ids = assignments_held(timezone.localdate(), unit_ids=[unit.pk]).values("person_id")
    return Person.objects.filter(pk__in=ids).order_by("employee_no")


class MediumForm(AccessibleModelForm):
    permitted_users = forms.ModelMultipleChoiceField(
        label="使用を許可された職員", required=False, queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple, help_text="選ばないときは所属の全員が使えます（所属長の許可の範囲）。")

    class Meta:
        model = RemovableMedium
        fields = ["number", "kind", "description", "encryption", "storage_place", "permitted_users",
                  "permitted_from", "permitted_to"]
        widgets = {"number": forms.TextInput(attrs={"size": 20})}

    def __init__(self, *args, unit: OrgUnit, **kwargs):
        super().__init__(*args, **kwargs)
        people = _people_of(unit)
        if self.instance.pk:
            people = people | self.instance.permitted_users.all()
        self.fields["permitted_users"].queryset = people.distinct().order_by("employee_no")


class MediumDisposeForm(AccessibleForm):
    disposal = forms.ChoiceField(label="廃棄・返却の別", choices=RemovableMedium.Disposal.choices,
                                 widget=forms.RadioSelect)
    disposed_on = date_field("廃棄・返却日", earliest=EARLIEST_MEDIA_DATE, not_future=True)
    erasure_method = forms.ChoiceField(label="消去の方法", choices=[("", "選んでください"),
                                                                   *RemovableMedium.ErasureMethod.choices],
                                       help_text="記録された情報を復元できない方法（点検表14）")
    erased_by = forms.ChoiceField(label="消去した者", choices=RemovableMedium.ErasedBy.choices, widget=forms.RadioSelect)
    certificate = forms.CharField(label="消去証明書等", max_length=200, required=False,
                                  help_text="消去を委託したときは、受託者の消去証明書の番号・日付などを確認して入力します。")
    note = forms.CharField(label="備考", required=False, widget=forms.Textarea(attrs=TEXT))


class MediumFilterForm(FilterForm):
    q = forms.CharField(label="管理番号・品名", required=False, max_length=100)
    status = forms.ChoiceField(label="状態", required=False, choices=[("", "すべて"), *RemovableMedium.Status.choices])
    unit = forms.ModelChoiceField(label="所属", required=False, queryset=OrgUnit.objects.none(), empty_label="すべて")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.filter(removable_media__isnull=False).distinct().order_by("code")
        if self.actor is not None and self.actor.unit_ids is not None:
            units = units.filter(pk__in=self.actor.unit_ids)
        self.fields["unit"].queryset = units

    def apply(self, queryset):
        data = self.cleaned_data
        if data.get("q"):
            queryset = queryset.filter(number__icontains=data["q"]) | queryset.filter(description__icontains=data["q"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("unit"):
            queryset = queryset.filter(unit=data["unit"])
        return queryset


class StocktakeForm(AccessibleForm):
    """One radio group per medium (所在を確認 / 所在不明) with a remark; the date and a note."""

    checked_on = date_field("確認日", earliest=EARLIEST_MEDIA_DATE, not_future=True)
    note = forms.CharField(label="備考", required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))

    def __init__(self, *args, media, **kwargs):
        super().__init__(*args, **kwargs)
        self.media_rows = []
        for medium in media:
            result = forms.ChoiceField(label=f"{medium.number}（{medium.get_kind_display()}）",
                                       choices=MediumCheck.Result.choices, widget=forms.RadioSelect,
                                       error_messages={"required": f"{medium.number}の結果を選んでください。"})
            remark = forms.CharField(label=f"{medium.number}の備考", required=False, max_length=500,
                                     widget=forms.TextInput(attrs={"size": 40}))
            self.fields[f"medium_{medium.pk}"] = result
            self.fields[f"note_{medium.pk}"] = remark
            self.media_rows.append((medium, f"medium_{medium.pk}", f"note_{medium.pk}"))

    def rows(self):
        return [(medium, self[result], self[note]) for medium, result, note in self.media_rows]


class StocktakeFilterForm(FilterForm):
    status = forms.ChoiceField(label="状態", required=False,
                               choices=[("", "すべて"), *MediumStocktake.Status.choices, ("overdue", "期限超過")])

    def apply(self, queryset):
        status = self.cleaned_data.get("status")
        if status == "overdue":
            return queryset.filter(status=MediumStocktake.Status.OPEN, due__lt=timezone.localdate())
        if status:
            queryset = queryset.filter(status=status)
        return queryset


class TakeOutForm(AccessibleModelForm):
    class Meta:
        model = TakeOut
        fields = ["items", "personal_information", "medium_kind", "medium", "protection", "destination", "purpose",
                  "purpose_detail", "taken_out_on", "planned_return"]
        widgets = {"items": forms.Textarea(attrs=TEXT), "personal_information": forms.Textarea(attrs=TEXT),
                   "medium_kind": forms.RadioSelect, "purpose": forms.RadioSelect, "protection": forms.RadioSelect}
        help_texts = {"medium": "記録媒体で持ち出すときは、所属で許可した媒体を選びます（点検表⑥）。",
                      "protection": "電子情報は暗号化又はパスワード設定が必要です（点検表17）。紙は「なし」。"}

    def __init__(self, *args, unit: OrgUnit | None, contracts=None, **kwargs):
        super().__init__(*args, **kwargs)
        media = RemovableMedium.objects.none()
        if unit is not None:
            media = RemovableMedium.objects.filter(unit=unit, status=RemovableMedium.Status.IN_USE).order_by("number")
        self.fields["medium"].queryset = media
        self.fields["medium"].empty_label = "（記録媒体を使わない）"
        for name, choices in (("medium_kind", TakeOut.MediumKind.choices), ("purpose", TakeOut.Purpose.choices)):
            self.fields[name].choices = choices  # radio buttons without the empty "---------"
        if contracts is not None:
            self.fields["contract"] = forms.ModelChoiceField(label="委託", queryset=contracts,
                                                             help_text="持ち出す業務の委託を選んでください。")
            self.fields["contract"].error_messages["required"] = "委託を選んでください。"
            self.order_fields(["contract", *self.Meta.fields])
        wire_aria(self)


class DecisionForm(AccessibleForm):
    decision = forms.ChoiceField(label="判断", choices=[("approve", "承認する"), ("reject", "承認しない")],
                                 widget=forms.RadioSelect, error_messages={"required": "承認するかどうかを選んでください。"})
    comment = forms.CharField(label="意見・承認しない理由", required=False, widget=forms.Textarea(attrs=TEXT),
                              help_text="承認しないときは理由を入力します。")


class ReturnForm(AccessibleForm):
    returned_on = date_field("返却日", earliest=EARLIEST_MEDIA_DATE, not_future=True)
    note = forms.CharField(label="返却時の確認内容", required=False, widget=forms.Textarea(attrs=TEXT),
                           help_text="例: 持ち出した3枚がそろっていることを確認した")


class WithdrawForm(AccessibleForm):
    reason = forms.CharField(label="取下げの理由", required=False, widget=forms.Textarea(attrs=TEXT))


class TakeOutFilterForm(FilterForm):
    fiscal_year = fiscal_year_field()
    status = forms.ChoiceField(label="状態", required=False,
                               choices=[("", "すべて"), *TakeOut.Status.choices, ("overdue", "返却予定日超過")])
    medium_kind = forms.ChoiceField(label="媒体", required=False, choices=[("", "すべて"), *TakeOut.MediumKind.choices])

    def apply(self, queryset):
        from hogokan.core.calendar import fiscal_year_range

        data = self.cleaned_data
        if data.get("fiscal_year"):
            queryset = queryset.filter(taken_out_on__range=fiscal_year_range(data["fiscal_year"]))
        if data.get("status") == "overdue":
            queryset = queryset.filter(status=TakeOut.Status.APPROVED, planned_return__lt=timezone.localdate())
        elif data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("medium_kind"):
            queryset = queryset.filter(medium_kind=data["medium_kind"])
        return queryset
