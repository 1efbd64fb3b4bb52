"""Forms of the 評価書, evaluation rounds (with the 変更箇所 formset), the 審議会 and the public 取扱事務 choice."""

from __future__ import annotations

from django import forms

from hogokan.core.forms import AccessibleForm, date_field
from hogokan.core.lists import fiscal_year_field
from hogokan.core.permissions import VIEW, restrict
from hogokan.org.models import OrgUnit
from hogokan.registers import council, rules
from hogokan.registers.forms import UnitChoiceField, _text, choice, required_messages, units_for
from hogokan.registers.models import CouncilAgendaItem, EvaluationDocument, EvaluationRound, HandlingAffair
from hogokan.registers.services_evaluation import ChangeRow


class DocumentForm(AccessibleForm):
    number = forms.CharField(label="評価書番号", max_length=20, widget=forms.TextInput(attrs={"size": 10}),
                             help_text="個人情報保護委員会に提出した評価書の番号。例: 1",
                             error_messages={**required_messages("評価書番号"), "max_length": "評価書番号は20文字以内で入力してください。"})
    name = forms.CharField(label="評価書名（評価の対象となる事務の名称）", max_length=200,
                           widget=forms.TextInput(attrs={"size": 40}), help_text="例: 住民基本台帳に関する事務",
                           error_messages={**required_messages("評価書名"), "max_length": "評価書名は200文字以内で入力してください。"})
    kind = forms.ChoiceField(label="評価書の種類", choices=list(rules.DOCUMENT_KINDS.items()), widget=forms.RadioSelect,
                             error_messages=choice("評価書の種類"))
    published_on = date_field("公表日（既に公表済みの評価書を登録するとき）", required=False,
                              help_text="公表済みなら第1版の公表日。これから評価する評価書は空欄にし、「評価の実施」で公表します。")

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["published_on"]


class RoundForm(AccessibleForm):
    kind = forms.ChoiceField(label="区分", choices=EvaluationRound.Kind.choices, widget=forms.RadioSelect,
                             error_messages=choice("区分"))
    title = forms.CharField(label="業務の名称", max_length=200, widget=forms.TextInput(attrs={"size": 60}),
                            help_text="例: 地方公共団体の基幹業務システムの統一・標準化に伴う特定個人情報保護評価の再実施について",
                            error_messages={**required_messages("業務の名称"), "max_length": "業務の名称は200文字以内で入力してください。"})
    unit = UnitChoiceField(label="業務所管課", queryset=OrgUnit.objects.none(), error_messages=choice("業務所管課"))
    reason = _text("業務の目的（再実施の理由）", rows=5,
                   help_text="例: 住民情報システムの運用がガバメントクラウドでの運用となり、評価書のリスク対策等が変更となるため")
    planned_on = date_field("実施時期", help_text="実施する月の1日を入力します。例: 2025-04-01（令和7年4月）")
    documents = forms.ModelMultipleChoiceField(label="評価を行う評価書", queryset=EvaluationDocument.objects.none(),
                                               widget=forms.CheckboxSelectMultiple, error_messages=choice("評価書"))
    consulted_on = date_field("諮問日（第三者点検）", required=False, help_text="審議会へ諮問した日。全項目評価では必須")
    answered_on = date_field("答申日", required=False, help_text="審議会から答申を受けた日")
    opinion = _text("答申の意見", required=False, rows=3)

    SERVICE_FIELDS = ("kind", "title", "unit", "reason", "planned_on", "documents", "consulted_on", "answered_on",
                      "opinion")

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for(actor)
        self.fields["documents"].queryset = restrict(
            EvaluationDocument.objects.select_related("pia__file"), actor, VIEW).order_by("number", "pk")
        self.fields["documents"].label_from_instance = lambda document: f"（{document.number}）{document.title}"

    @classmethod
    def initial_for(cls, round: EvaluationRound) -> dict:
        initial = {name: getattr(round, name) for name in cls.SERVICE_FIELDS if name != "documents"}
        initial["documents"] = list(round.documents.all())
        return initial


class ChangeRowForm(forms.Form):
    item = forms.CharField(label="項目", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3, "cols": 24}),
                           error_messages={"max_length": "項目は2,000文字以内で入力してください。"})
    before = forms.CharField(label="変更前の記載", required=False, max_length=20000,
                             widget=forms.Textarea(attrs={"rows": 5, "cols": 40}),
                             error_messages={"max_length": "変更前の記載は20,000文字以内で入力してください。"})
    after = forms.CharField(label="変更後の記載", required=False, max_length=20000,
                            widget=forms.Textarea(attrs={"rows": 5, "cols": 40}),
                            error_messages={"max_length": "変更後の記載は20,000文字以内で入力してください。"})

    def clean(self):
        cleaned = super().clean()
        filled = any((cleaned.get(name) or "").strip() for name in ("item", "before", "after"))
        if filled and not (cleaned.get("item") or "").strip():
            self.add_error("item", "項目を入力してください。")
        if filled and not (cleaned.get("after") or "").strip():
            self.add_error("after", "変更後の記載を入力してください。")
        return cleaned


class BaseChangeFormSet(forms.BaseFormSet):
    def rows(self) -> list[ChangeRow]:
        return [ChangeRow(form.cleaned_data.get("item", ""), form.cleaned_data.get("before", ""),
                          form.cleaned_data.get("after", "")) for form in self.forms if form.cleaned_data]

    @property
    def row_errors(self) -> list[tuple[str, str]]:
        errors = []
        for number, form in enumerate(self.forms, start=1):
            for name, messages in form.errors.items():
                anchor = form[name].id_for_label if name in form.fields else ""
                errors += [(anchor, f"変更箇所の{number}行目: {message}") for message in messages]
        return errors


def change_formset(data=None, *, initial=None, rows: int = 3):
    formset_class = forms.formset_factory(ChangeRowForm, formset=BaseChangeFormSet, extra=rows, max_num=100,
                                          absolute_max=100, validate_max=True)
    return formset_class(data, initial=initial, prefix="changes")


class PublishForm(AccessibleForm):
    published_on = date_field("公表日")
    early_reason = _text("答申前に公表する理由（事務局）", required=False, rows=3,
                         help_text="全項目評価書を答申の前に公表するときだけ、事務局が理由を入力します。")


class MeetingForm(AccessibleForm):
    session = forms.CharField(label="回", max_length=50, widget=forms.TextInput(attrs={"size": 20}),
                              help_text="例: 令和6年度第1回",
                              error_messages={**required_messages("回"), "max_length": "回は50文字以内で入力してください。"})
    held_on = date_field("開催日")
    place = forms.CharField(label="場所", max_length=200, required=False, widget=forms.TextInput(attrs={"size": 40}),
                            help_text="例: 市役所本館2階特別会議室",
                            error_messages={"max_length": "場所は200文字以内で入力してください。"})
    note = _text("備考", required=False, rows=2)


class AgendaItemForm(AccessibleForm):
    number = forms.IntegerField(label="日程（番号）", min_value=1, max_value=99, widget=forms.NumberInput(attrs={"size": 4}),
                                help_text="日程第3なら 3",
                                error_messages={**required_messages("日程（番号）"),
                                                "min_value": "日程は1から99までの番号で入力してください。",
                                                "max_value": "日程は1から99までの番号で入力してください。"})
    kind = forms.ChoiceField(label="諮問・報告の別", choices=CouncilAgendaItem.Kind.choices, widget=forms.RadioSelect,
                             error_messages=choice("諮問・報告の別"))
    title = forms.CharField(label="案件名", max_length=300, widget=forms.TextInput(attrs={"size": 60}),
                            help_text="例: 地方公共団体の基幹業務システムの統一・標準化に伴う特定個人情報保護評価の再実施について",
                            error_messages={**required_messages("案件名"), "max_length": "案件名は300文字以内で入力してください。"})
    unit = UnitChoiceField(label="担当課", queryset=OrgUnit.objects.none(), required=False, error_messages=choice("担当課"))
    subject = forms.ChoiceField(label="関係する記録の種類", choices=CouncilAgendaItem.Subject.choices,
                                widget=forms.RadioSelect, error_messages=choice("関係する記録の種類"))
    evaluation = forms.ModelChoiceField(label="評価の実施（再実施）", queryset=EvaluationRound.objects.none(),
                                        required=False, error_messages=choice("評価の実施"),
                                        help_text="種類が「特定個人情報保護評価」のとき")
    related = forms.ChoiceField(label="関係する記録", required=False, choices=[], error_messages=choice("関係する記録"),
                                help_text="種類が「他の記録」のとき（目的外利用・提供など）")
    fiscal_year = fiscal_year_field("報告の対象年度")
    outcome = _text("結果（答申・意見）", required=False, rows=3)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["unit"].queryset = units_for(actor)
        self.fields["evaluation"].queryset = restrict(EvaluationRound.objects.all(), actor, VIEW).order_by("-planned_on")
        self.fields["related"].choices = [("", "（なし）"), *council.choices_for(actor)]
        self.fields["fiscal_year"].help_text = "種類が「運用状況の報告」のとき。例: 2025（令和7年度 も可）"

    def clean_related(self):
        value = self.cleaned_data.get("related")
        if not value:
            return None
        record = council.resolve(self.actor, value)
        if record is None:
            raise forms.ValidationError("関係する記録は選択肢から選んでください。")
        return record

    @classmethod
    def initial_for(cls, item: CouncilAgendaItem) -> dict:
        initial = {name: getattr(item, name) for name in ("number", "kind", "title", "unit", "subject", "evaluation",
                                                           "fiscal_year", "outcome")}
        initial["related"] = council.value_of(item.related) if item.content_type_id else ""
        return initial


class AffairPublicationForm(AccessibleForm):
    public = forms.BooleanField(label="公開中の個人情報取扱事務の一覧に載せる（公表する）", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in HandlingAffair.WITHHOLDABLE.items():
            self.fields[f"withhold_{key}"] = forms.BooleanField(label=f"「{label}」を公表しない", required=False)
            self.fields[f"withhold_{key}_reason"] = forms.CharField(
                label=f"「{label}」を公表しない理由", max_length=200, required=False,
                widget=forms.TextInput(attrs={"size": 50}),
                error_messages={"max_length": "理由は200文字以内で入力してください。"})
        from hogokan.core.forms import wire_aria

        wire_aria(self)

    @classmethod
    def initial_for(cls, affair: HandlingAffair) -> dict:
        initial = {"public": affair.public}
        for key, reason in (affair.withheld or {}).items():
            initial[f"withhold_{key}"], initial[f"withhold_{key}_reason"] = True, reason
        return initial

    def clean(self):
        cleaned = super().clean()
        withheld = {}
        for key in HandlingAffair.WITHHOLDABLE:
            reason = (cleaned.get(f"withhold_{key}_reason") or "").strip()
            if cleaned.get(f"withhold_{key}"):
                if not reason:
                    self.add_error(f"withhold_{key}_reason", "公表しない理由（法75条3項に相当する理由）を入力してください。")
                withheld[key] = reason
        cleaned["withheld"] = withheld
        return cleaned
