"""The report pages' parameters: 年度, the as-of day, the tables of a council paper."""

from __future__ import annotations

from django import forms

from hogokan.core.calendar import fiscal_year
from hogokan.core.forms import date_field
from hogokan.core.lists import fiscal_year_field

AS_OF_HELP = "例: 2027/1/31（令和9年1月31日 も可）。空欄のときは現在までの記録で作成します。この日より後の記録は含めず、後で変わった記録はこの日の状態で数えます。"


class ReportForm(forms.Form):
    fiscal_year = fiscal_year_field("年度（西暦）")
    as_of = date_field("時点", required=False, help_text=AS_OF_HELP)

    def __init__(self, data=None, *, today, **kwargs):
        self.today = today
        super().__init__(data, **kwargs)
        self.fields["fiscal_year"].initial = fiscal_year(today)

    def clean_as_of(self):
        day = self.cleaned_data.get("as_of")
        if day is not None and day > self.today:
            raise forms.ValidationError("時点は今日以前の日付にしてください（未来の記録はありません）。")
        return day

    def values(self) -> tuple[int, object]:
        """(年度, as-of day) when valid, else the current 年度 and no as-of day."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["fiscal_year"] or fiscal_year(self.today), self.cleaned_data["as_of"]
        return fiscal_year(self.today), None


class CouncilForm(ReportForm):
    tables = forms.MultipleChoiceField(label="載せる表", required=False, widget=forms.CheckboxSelectMultiple,
                                       help_text="選ばないときは、開示請求等・目的外利用・提供・漏えい等事案の表を載せます。")

    def __init__(self, data=None, *, today, choices, **kwargs):
        super().__init__(data, today=today, **kwargs)
        self.fields["tables"].choices = choices
        self.fields["as_of"].help_text = ("例: 2027/1/31。今年度はこの日までの記録で作成し（「1月31日時点」）、前年度は"
                                          "年度末までの記録を同じ日の状態で載せます。空欄のときは今日の時点です。")
