"""Forms of the chief's inspection pages (templates and campaigns): validation only, services write."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from hogokan.core.calendar import body_calendar, parse_year, wareki, wareki_fiscal_year
from hogokan.core.forms import AccessibleForm, YearField, date_field, wire_aria
from hogokan.core.lists import FilterForm, fiscal_year_field
from hogokan.inspections import defaults, rules
from hogokan.inspections.models import (
    Campaign,
    ChecklistItem,
    ChecklistTemplate,
    InspectionResponse,
    SurveyQuestion,
)
from hogokan.org.api import bureau_of, sections_on
from hogokan.org.models import OrgUnit

MAX_QUESTIONS = 30
MAX_CHOICES = 20
FREE_TEXT_PREFIXES = ("自由記述:", "自由記述：")
MULTIPLE_MARKERS = ("（複数回答可）", "(複数回答可)")


def required(label: str) -> dict:
    return {"required": f"{label}を入力してください。"}


def choice_message(label: str) -> dict:
    return {"required": f"{label}を選んでください。", "invalid_choice": f"{label}の選択肢から選んでください。",
            "invalid_pk_value": f"{label}の選択肢から選んでください。"}


# ---- templates ---------------------------------------------------------------------------------

class TemplateForm(AccessibleForm):
    name = forms.CharField(label="名称", max_length=200, widget=forms.TextInput(attrs={"size": 40}),
                           help_text="例: 情報に関する点検表", error_messages=required("名称"))
    notes = forms.CharField(label="備考（様式に印刷する注意書き）", required=False,
                            widget=forms.Textarea(attrs={"rows": 6, "cols": 70}),
                            help_text="1行に1項目。例: 1 各月の点検日（15日（休庁日の場合はその前日））において"
                                      "「○」又は「×」を記入する。")


class ItemForm(AccessibleForm):
    number = forms.CharField(label="番号", max_length=10, widget=forms.TextInput(attrs={"size": 6}),
                             help_text="この様式の中で重ならない番号。例: ⑧、19", error_messages=required("番号"))
    group = forms.CharField(label="区分", max_length=50, required=False, widget=forms.TextInput(attrs={"size": 24}),
                            help_text=f"例: {defaults.PRIORITY}、{defaults.COMMON}")
    category = forms.CharField(label="分類", max_length=50, widget=forms.TextInput(attrs={"size": 24}),
                               help_text="例: 送付・送信", error_messages=required("分類"))
    text = forms.CharField(label="点検項目", widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
                           help_text="「〜しているか」の形の問い。例: 外部記録媒体の利用状況や保管状況について、定期的にチェックしているか",
                           error_messages=required("点検項目"))
    explanation = forms.CharField(label="解説", required=False, widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
                                  help_text="回答する人向けの説明（解説編）。")
    dash_allowed = forms.BooleanField(label="「－」を選べる（点検月に事象が生じないことがある項目）", required=False)

    FIELDS = ("number", "group", "category", "text", "explanation", "dash_allowed")

    @classmethod
    def initial_for(cls, item: ChecklistItem) -> dict:
        return {name: getattr(item, name) for name in cls.FIELDS}

    def clean(self):
        cleaned = super().clean()
        for name in ("number", "group", "category", "text", "explanation"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = cleaned[name].strip()
        return cleaned


# ---- campaigns ---------------------------------------------------------------------------------

class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return f"{obj.code} {obj.name}（{obj.organ.name}）"


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return f"{obj.code} {obj.name}（{obj.organ.name}）"


class RadioGroup(forms.RadioSelect):
    """Radios whose label target is the first one, so the error summary link lands in the group."""

    def id_for_label(self, id_, index="0"):
        return forms.widgets.ChoiceWidget.id_for_label(self, id_, index)


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ChecklistTemplate) -> str:
        return f"{obj.name}（第{obj.version}版・{obj.items.count()}項目）"


TARGET_ALL, TARGET_BUREAU, TARGET_LIST = "all", "bureau", "list"
QUESTIONS_HELP = (
    "点検強化月間で空欄のときは、8月・2月の標準の設問を使います。臨時調査では必ず入力してください。"
    "書き方: 設問ごとに空行で区切り、1行目に設問、2行目から選択肢を1行に1つ書きます。"
    "設問に「（複数回答可）」を含めると複数回答、含めないと単一回答になります。"
    "「自由記述: その他の主な具体例」の行を加えると、その見出しの記述欄が付きます。"
    "選択肢の行がない設問は、自由記述だけの設問になります。"
)


def parse_questions(text: str) -> list[tuple]:
    """The textarea of the campaign form → (number, heading, text, kind, choices, free-text label) tuples.

    Raises ValidationError with one message per problem, naming the question (「2つ目の設問: …」).
    """
    blocks, current = [], []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    if len(blocks) > MAX_QUESTIONS:
        raise ValidationError(f"設問は{MAX_QUESTIONS}問までにしてください（{len(blocks)}問あります）。")
    questions, errors = [], []
    for number, lines in enumerate(blocks, start=1):
        where = f"{number}つ目の設問"
        question, *rest = lines
        if question.startswith(FREE_TEXT_PREFIXES):
            errors.append(f"{where}: 1行目には設問を書いてください（「自由記述:」の行は選択肢の後に書きます）。")
            continue
        choices, text_label, problems = [], "", []
        for line in rest:
            if line.startswith(FREE_TEXT_PREFIXES):
                label = line[len(FREE_TEXT_PREFIXES[0]):].strip()  # both prefixes are 5 characters
                if not label:
                    problems.append("「自由記述:」の後に記述欄の見出しを書いてください。例: 自由記述: その他の主な具体例")
                elif text_label:
                    problems.append("「自由記述:」の行は1つの設問に1行だけにしてください。")
                elif len(label) > 100:
                    problems.append("自由記述欄の見出しは100文字以内にしてください。")
                text_label = text_label or label
            elif line in choices:
                problems.append(f"選択肢「{line}」が重複しています。")
            else:
                choices.append(line)
        if len(question) > 1000:
            problems.append("設問は1000文字以内にしてください。")
        if len(choices) == 1:
            problems.append("選択肢が1つだけです。選択肢は2つ以上書くか、自由記述だけの設問なら選択肢の行を書かないでください。")
        if len(choices) > MAX_CHOICES:
            problems.append(f"選択肢は{MAX_CHOICES}個までにしてください。")
        if any(len(choice) > 200 for choice in choices):
            problems.append("選択肢は1つ200文字以内にしてください。")
        if not choices and text_label:
            problems.append("選択肢のない設問は自由記述の設問です。「自由記述:」の行は不要です。")
        if problems:
            errors.extend(f"{where}: {problem}" for problem in problems)
            continue
        if not choices:
            kind = SurveyQuestion.Kind.TEXT
        elif any(marker in question for marker in MULTIPLE_MARKERS):
            kind = SurveyQuestion.Kind.MULTIPLE
        else:
            kind = SurveyQuestion.Kind.SINGLE
        questions.append((str(number), "", question, kind, choices, text_label))
    if errors:
        raise ValidationError(errors)
    return questions


def _month_default_help(year: int, month: int) -> str:
    day = rules.inspection_date(year, month, body_calendar())
    note = "" if day.day == rules.INSPECTION_DAY else "（15日が休庁日のため前の開庁日）"
    return (f"空欄のときは各月15日（休庁日の場合はその前の開庁日）。{year}年{month}月なら"
            f"{wareki(day, weekday=True)}{note}です。別の日にするときだけ入力します。例: 2026-11-13")


class CampaignForm(AccessibleForm):
    kind = forms.ChoiceField(label="種類", choices=Campaign.Kind.choices, initial=Campaign.Kind.MONTHLY,
                             widget=RadioGroup, error_messages=choice_message("種類"))
    year = YearField(label="年", min_value=2000, max_value=2100, widget=forms.TextInput(attrs={"size": 6}),
                     help_text="例: 2026（令和8 も可）",
                     error_messages={"required": "年を入力してください。",
                                     "invalid": "年は「2026」または「令和8」のように入力してください。",
                                     "min_value": "年は2000から2100で指定してください。",
                                     "max_value": "年は2000から2100で指定してください。"})
    month = forms.IntegerField(label="月", min_value=1, max_value=12, widget=forms.NumberInput(attrs={"size": 4}),
                               help_text="例: 11",
                               error_messages={"required": "月を入力してください。",
                                               "invalid": "月は1から12の数字で入力してください。",
                                               "min_value": "月は1から12で指定してください。",
                                               "max_value": "月は1から12で指定してください。"})
    title = forms.CharField(label="名称", max_length=200, required=False, widget=forms.TextInput(attrs={"size": 40}),
                            help_text="空欄のときは「令和8年11月 情報に関する点検」のように自動で付けます。")
    template = TemplateChoiceField(label="様式", queryset=ChecklistTemplate.objects.none(),
                                   help_text="使用中の版だけを選べます。",
                                   error_messages={"required": "使用中の様式を選んでください。",
                                                   "invalid_choice": "使用中の様式を選んでください。"})
    target = forms.ChoiceField(label="対象", initial=TARGET_ALL, widget=RadioGroup,
                               choices=[(TARGET_ALL, "すべての課・公所"), (TARGET_BUREAU, "1つの局・区・室の課・公所"),
                                        (TARGET_LIST, "選んだ課・公所")],
                               error_messages=choice_message("対象"))
    bureau = UnitChoiceField(label="局・区・室", queryset=OrgUnit.objects.none(), required=False,
                             empty_label="選んでください",
                             help_text="「1つの局・区・室の課・公所」のとき、その下にある点検日時点の課・公所すべてが対象です。",
                             error_messages=choice_message("局・区・室"))
    units = UnitMultipleChoiceField(label="課・公所", queryset=OrgUnit.objects.none(), required=False,
                                    widget=forms.SelectMultiple(attrs={"size": 12}),
                                    help_text="「選んだ課・公所」のとき、Ctrlキー（Macは⌘キー）を押しながら複数選べます。",
                                    error_messages=choice_message("課・公所"))
    inspection_date = date_field("点検日（提出期限）", required=False, help_text="")
    questions = forms.CharField(label="調査の設問", required=False, help_text=QUESTIONS_HELP,
                                widget=forms.Textarea(attrs={"rows": 10, "cols": 70}))

    def __init__(self, *args, today: date, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("year", today.year)
        kwargs["initial"].setdefault("month", today.month)
        in_use = ChecklistTemplate.objects.filter(status=ChecklistTemplate.Status.IN_USE,
                                                  purpose=ChecklistTemplate.Purpose.SELF_INSPECTION).order_by("family")
        default = in_use.filter(family=defaults.NAGOYA_FAMILY).first()
        if default is not None:
            kwargs["initial"].setdefault("template", default.pk)
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["template"].queryset = in_use
        self.fields["bureau"].queryset = (OrgUnit.objects.valid_on(today).filter(parent__isnull=True)
                                          .select_related("organ").order_by("organ__display_order", "code"))
        self.fields["units"].queryset = sections_on(today)
        year, month = self._year_month()
        self.fields["inspection_date"].help_text = _month_default_help(year, month)
        self._bound_fields_cache.pop("inspection_date", None)  # the bound field copied the old help text
        wire_aria(self)

    def _year_month(self) -> tuple[int, int]:
        """The typed year and month when they make sense, else the initial ones (for the help text)."""
        year, month = self.initial["year"], self.initial["month"]
        if self.is_bound:
            typed_year = parse_year(self.data.get("year", ""))
            try:
                typed_month = int(self.data.get("month", ""))
            except ValueError:
                return year, month
            if typed_year is None:
                return year, month
            if 2000 <= typed_year <= 2100 and 1 <= typed_month <= 12:
                return typed_year, typed_month
        return year, month

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    def clean_questions(self):
        text = self.cleaned_data["questions"]
        return parse_questions(text) if text.strip() else None

    def clean_inspection_date(self):
        day = self.cleaned_data["inspection_date"]
        if day is not None and body_calendar().is_closed(day):
            raise ValidationError(f"{wareki(day, weekday=True)}は休庁日です。開庁日を指定してください。")
        return day

    def clean(self):
        cleaned = super().clean()
        kind, year, month = cleaned.get("kind"), cleaned.get("year"), cleaned.get("month")
        if year is None or month is None:
            return cleaned
        day = cleaned.get("inspection_date") or rules.inspection_date(year, month, body_calendar())
        cleaned["day"] = day
        self._check_duplicate(kind, year, month)
        self._check_questions(kind, month, cleaned)
        cleaned["targets"] = self._targets(cleaned, day)
        return cleaned

    def _check_duplicate(self, kind, year: int, month: int) -> None:
        regular = (Campaign.Kind.MONTHLY, Campaign.Kind.STRENGTHENING)
        if kind in regular and Campaign.objects.filter(year=year, month=month, kind__in=regular).exists():
            self.add_error("month", f"{wareki(date(year, month, 1)).split('月')[0]}月の定期点検はすでに作成されています。")

    def _check_questions(self, kind, month: int, cleaned: dict) -> None:
        if "questions" in self.errors:
            return
        questions = cleaned.get("questions")
        if questions and kind in (Campaign.Kind.MONTHLY, Campaign.Kind.SYSTEM):
            self.add_error("questions", "調査の設問は、点検強化月間と臨時調査にだけ設定できます。")
        elif kind == Campaign.Kind.ADHOC and not questions:
            self.add_error("questions", "臨時調査では調査の設問を入力してください。")
        elif kind == Campaign.Kind.STRENGTHENING and not questions and not defaults.survey_questions_for(month):
            self.add_error("questions", f"{month}月には標準の設問がありません（8月・2月だけ）。調査の設問を入力してください。")

    def _targets(self, cleaned: dict, day: date) -> list | None:
        """The sections the campaign goes to, current on the inspection day; None = every section."""
        target = cleaned.get("target")
        if target == TARGET_BUREAU:
            bureau = cleaned.get("bureau")
            if bureau is None:
                if "bureau" not in self.errors:
                    self.add_error("bureau", "対象の局・区・室を選んでください。")
                return []
            units = [unit for unit in sections_on(day) if bureau_of(unit).pk == bureau.pk]
            if not units:
                self.add_error("bureau", f"{bureau.name}には{wareki(day)}時点の課・公所がありません。")
            return units
        if target == TARGET_LIST:
            units = list(cleaned.get("units") or [])
            if not units:
                if "units" not in self.errors:
                    self.add_error("units", "対象の課・公所を1つ以上選んでください。")
                return []
            ended = [unit.name for unit in units if not unit.is_valid_on(day)]
            if ended:
                self.add_error("units", f"点検日（{wareki(day)}）に存在しない課・公所があります: {'、'.join(ended)}")
            return units
        return None


class CampaignFilterForm(FilterForm):
    """The campaign list's filters: the page, its downloads and GET /api/v1/inspections/campaigns."""

    fiscal_year = fiscal_year_field("年度")
    kind = forms.ChoiceField(label="種類", required=False, choices=[("", "すべて"), *Campaign.Kind.choices],
                             help_text="点検の種類")
    status = forms.ChoiceField(label="状態", required=False, choices=[("", "すべて"), *Campaign.Status.choices],
                               help_text="受付中・締切")

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        if not self.api:  # the page offers the years that have campaigns
            self.fields["fiscal_year"] = forms.TypedChoiceField(
                label="年度", required=False, coerce=int, empty_value=None,
                choices=[("", "すべて")] + [(year, wareki_fiscal_year(year)) for year in years])
        wire_aria(self)

    def apply(self, queryset):
        for name in ("fiscal_year", "kind", "status"):
            if self.cleaned_data.get(name):
                queryset = queryset.filter(**{name: self.cleaned_data[name]})
        return queryset


PENDING = "pending"


class StatusFilterForm(AccessibleForm):
    status = forms.ChoiceField(label="状態", required=False,
                               choices=[("", "すべて"), (PENDING, "未提出（未着手・作成中・差戻し）"),
                                        *InspectionResponse.Status.choices])

