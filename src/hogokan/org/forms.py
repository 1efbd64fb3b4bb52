"""Forms of the organisation pages: validation only; the services do the writing."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from hogokan.core.calendar import next_fiscal_year_start, wareki
from hogokan.core.forms import AccessibleForm, date_field, wire_aria
from hogokan.core.permissions import CHANGE
from hogokan.org import selectors
from hogokan.org.models import UNIT_ROLES, Assignment, OrgUnit, Person, Role, UnitKind
from hogokan.org.services import TransferLine


def text_field(label: str, *, max_length: int, required: bool = True, help_text: str = "", size: int = 20,
               **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length, required=required, help_text=help_text,
        widget=forms.TextInput(attrs={"size": size}),
        error_messages={"required": f"{label}を入力してください。",
                        "max_length": f"{label}は{max_length}文字以内で入力してください。"},
        **kwargs,
    )


def choice_message(label: str) -> dict:
    return {"required": f"{label}を選んでください。", "invalid_choice": f"{label}の選択肢から選んでください。"}


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return f"{obj.code} {obj.name}（{obj.organ.name}）"


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return f"{obj.code} {obj.name}（{obj.organ.name}）"


class CheckboxGroup(forms.CheckboxSelectMultiple):
    """Checkboxes whose label target is the first box, so the error summary link lands in the group."""

    def id_for_label(self, id_, index="0"):
        return forms.widgets.ChoiceWidget.id_for_label(self, id_, index)


def valid_filters(form: forms.Form) -> dict:
    """The filters that are valid; an invalid one is shown with its error and otherwise ignored."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return form.cleaned_data


def today() -> date:
    return timezone.localdate()


def next_april() -> date:
    return next_fiscal_year_start(timezone.localdate())


# ---- filters ----------------------------------------------------------------------------------

class UnitFilterForm(AccessibleForm):
    q = text_field("名称・組織コード", max_length=100, required=False, help_text="名称または組織コードの一部")
    organ = forms.ModelChoiceField(label="実施機関", queryset=None, required=False, empty_label="すべて")
    as_of = date_field("基準日", required=False, help_text="この日に存在する組織を表示します。空欄は今日。")
    include_ended = forms.BooleanField(label="廃止済みも表示", required=False)
    include_future = forms.BooleanField(label="設置予定の組織も表示", required=False)

    def __init__(self, actor, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = selectors.organs_for(actor)


class PersonFilterForm(AccessibleForm):
    STATUS_CHOICES = (("active", "在籍のみ"), ("inactive", "在籍していない人のみ"), ("all", "すべて"))

    q = text_field("氏名・カナ・職員番号", max_length=100, required=False, help_text="一部だけでも検索できます")
    unit = UnitChoiceField(label="組織", queryset=None, required=False, empty_label="すべて")
    role = forms.ChoiceField(label="役割", choices=[("", "すべて"), *Role.choices], required=False)
    status = forms.ChoiceField(label="在籍状況", choices=STATUS_CHOICES, required=False, initial="active")

    def __init__(self, actor, day: date, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.units_for(actor).valid_on(day).order_by("organ__display_order", "code")


# ---- units ------------------------------------------------------------------------------------

def effective_field():
    return date_field("効力発生日", initial=next_april,
                      help_text="この日から新しい組織になり、前日までが今の組織の期間になります。通常は4月1日です。例: 2027-04-01")


class UnitCreateForm(AccessibleForm):
    organ = forms.ModelChoiceField(label="実施機関", queryset=None, error_messages=choice_message("実施機関"))
    parent = UnitChoiceField(label="上位組織", queryset=None, required=False, empty_label="（なし・最上位）")
    code = text_field("組織コード", max_length=30, size=12, help_text="例: 211（同じ期間に同じコードは使えません）")
    name = text_field("名称", max_length=100, size=30, help_text="例: 市民課")
    kind = forms.ChoiceField(label="種別", choices=[("", "選んでください"), *UnitKind.choices],
                             error_messages=choice_message("種別"))
    valid_from = date_field("設置日", initial=next_april, help_text="この日から組織が有効になります。例: 2027-04-01")

    def __init__(self, actor, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = selectors.organs_for(actor, CHANGE)
        self.fields["parent"].queryset = selectors.units_in_use(actor, timezone.localdate())


class UnitChangeForm(AccessibleForm):
    """A reorganisation of one unit, effective on a date after the unit was set up."""

    effective = effective_field()

    def __init__(self, unit: OrgUnit, *args, **kwargs):
        self.unit = unit
        super().__init__(*args, **kwargs)

    def clean_effective(self):
        effective = self.cleaned_data["effective"]
        if effective <= self.unit.valid_from:
            raise ValidationError(
                f"効力発生日は{self.unit.name}の設置日（{wareki(self.unit.valid_from)}）より後の日付にしてください。")
        return effective


class UnitRenameForm(UnitChangeForm):
    name = text_field("新しい名称", max_length=100, size=30, help_text="例: 市民生活課")
    field_order = ["name", "effective"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if name == self.unit.name:
            raise ValidationError("現在と同じ名称です。新しい名称を入力してください。")
        return name


class UnitMoveForm(UnitChangeForm):
    parent = UnitChoiceField(label="新しい上位組織", queryset=None, error_messages=choice_message("新しい上位組織"))
    field_order = ["parent", "effective"]

    def __init__(self, unit: OrgUnit, actor, *args, **kwargs):
        super().__init__(unit, *args, **kwargs)
        self.fields["parent"].queryset = (selectors.open_units(actor).filter(organ=unit.organ)
                                          .exclude(pk=unit.pk).exclude(pk=unit.parent_id))


class UnitAbolishForm(UnitChangeForm):
    confirm = forms.BooleanField(
        label="この組織を廃止し、残っている配属を効力発生日の前日で終了することを確認しました",
        error_messages={"required": "確認のチェックを入れてください。"},
    )


class UnitMergeForm(AccessibleForm):
    units = UnitMultipleChoiceField(
        label="統合する組織", queryset=None, widget=CheckboxGroup,
        help_text="2つ以上選んでください。選んだ組織は効力発生日の前日で終わり、配属は新しい組織に引き継がれます。",
        error_messages={"required": "統合する組織を2つ以上選んでください。",
                        "invalid_choice": "選んだ組織は統合できません。",
                        "invalid_pk_value": "選んだ組織は統合できません。"},
    )
    code = text_field("新しい組織コード", max_length=30, size=12, help_text="例: 213")
    name = text_field("新しい名称", max_length=100, size=30, help_text="例: 市民保険課")
    kind = forms.ChoiceField(label="種別", choices=[("", "選んでください"), *UnitKind.choices],
                             error_messages=choice_message("種別"))
    parent = UnitChoiceField(label="上位組織", queryset=None, required=False,
                             empty_label="（最初に選んだ組織と同じ）")
    effective = effective_field()

    def __init__(self, actor, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = selectors.open_units(actor)
        self.fields["parent"].queryset = selectors.units_in_use(actor, timezone.localdate())

    def clean_units(self):
        units = list(self.cleaned_data["units"])
        if len(units) < 2:
            raise ValidationError("統合する組織を2つ以上選んでください。")
        if len({unit.organ_id for unit in units}) != 1:
            raise ValidationError("異なる実施機関の組織は統合できません。")
        return units

    def clean(self):
        cleaned = super().clean()
        effective, units = cleaned.get("effective"), cleaned.get("units") or []
        late = [unit for unit in units if effective and effective <= unit.valid_from]
        if late:
            self.add_error("effective", "効力発生日は統合する組織の設置日より後の日付にしてください（"
                           + "、".join(f"{unit.name}: {wareki(unit.valid_from)}" for unit in late) + "）。")
        return cleaned


# ---- people -----------------------------------------------------------------------------------

class PersonFieldsForm(AccessibleForm):
    employee_no = text_field("職員番号", max_length=30, size=12, help_text="例: E0123")
    name = text_field("氏名", max_length=100, size=24, help_text="例: 保護 太郎")
    name_kana = text_field("氏名（カナ）", max_length=100, size=24, required=False, help_text="例: ホゴ タロウ")
    email = forms.EmailField(label="メールアドレス", required=False, max_length=254,
                             widget=forms.EmailInput(attrs={"size": 32, "autocomplete": "off"}),
                             help_text="例: taro.hogo@example.lg.jp",
                             error_messages={"invalid": "メールアドレスは「name@example.lg.jp」の形式で入力してください。"})
    kind = forms.ChoiceField(label="区分", choices=Person.Kind.choices, initial=Person.Kind.STAFF,
                             error_messages=choice_message("区分"))
    company = text_field("所属事業者", max_length=200, size=30, required=False,
                         help_text="受託者の従事者のときに入力します。例: 株式会社サンプル情報")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Person.Kind.CONTRACTOR and not cleaned.get("company"):
            self.add_error("company", "受託者の従事者は所属事業者を入力してください。")
        return cleaned


class PersonCreateForm(PersonFieldsForm):
    username = text_field("ログインID", max_length=150, size=20, required=False,
                          help_text="システムにログインする人だけ入力します。例: hogo.taro")
    password1 = forms.CharField(
        label="初期パスワード", required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "size": 24}),
        help_text="12文字以上。空欄のときはパスワードでログインできない状態で作成します。",
    )
    password2 = forms.CharField(label="初期パスワード（確認）", required=False, strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "size": 24}))

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if username and get_user_model().objects.filter(username=username).exists():
            raise ValidationError(f"ログインID「{username}」はすでに使われています。")
        return username

    def clean(self):
        cleaned = super().clean()
        password, again = cleaned.get("password1"), cleaned.get("password2")
        if not password:
            if again:
                self.add_error("password1", "初期パスワードを入力してください。")
            return cleaned
        if not cleaned.get("username"):
            if "username" not in self.errors:
                self.add_error("username", "初期パスワードを設定するときはログインIDも入力してください。")
            return cleaned
        if password != again:
            self.add_error("password2", "確認用の初期パスワードが一致しません。")
            return cleaned
        user = get_user_model()(username=cleaned["username"], email=cleaned.get("email", ""),
                                first_name=cleaned.get("name", ""))
        try:
            validate_password(password, user)
        except ValidationError as exc:
            self.add_error("password1", exc.messages)
        return cleaned


class PersonEditForm(PersonFieldsForm):
    is_active = forms.BooleanField(label="在籍している", required=False)

    def __init__(self, person: Person, *args, **kwargs):
        kwargs.setdefault("initial", {name: getattr(person, name) for name in
                                      ("employee_no", "name", "name_kana", "email", "kind", "company", "is_active")})
        super().__init__(*args, **kwargs)
        # The employee number identifies the person in 人事異動 and imports; it is not edited here.
        del self.fields["employee_no"]


class AssignmentStartForm(AccessibleForm):
    unit = UnitChoiceField(label="組織", queryset=None, required=False, empty_label="（全庁・組織なし）",
                           help_text="保護管理者・保護責任者・保護担当者は組織を選びます。")
    role = forms.ChoiceField(label="役割", choices=[("", "選んでください"), *Role.choices],
                             error_messages=choice_message("役割"))
    title = text_field("職名", max_length=100, size=20, required=False, help_text="例: 課長")
    start = date_field("開始日", initial=today)

    def __init__(self, actor, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.units_in_use(actor, timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        role, unit, start = cleaned.get("role"), cleaned.get("unit"), cleaned.get("start")
        if role in UNIT_ROLES and unit is None and "unit" not in self.errors:
            self.add_error("unit", f"{Role(role).label}には組織の指定が必要です。")
        if unit is not None and start and not unit.is_valid_on(start):
            self.add_error("unit", f"{unit.name}は開始日（{wareki(start)}）に存在しない組織です。")
        return cleaned


class AssignmentEndForm(AccessibleForm):
    end = date_field("終了日", initial=today, help_text="この日までが配属の期間です。例: 2027-03-31")

    def __init__(self, assignment: Assignment, *args, **kwargs):
        self.assignment = assignment
        super().__init__(*args, **kwargs)

    def clean_end(self):
        end = self.cleaned_data["end"]
        if end < self.assignment.start:
            raise ValidationError(f"終了日は開始日（{wareki(self.assignment.start)}）以降の日付にしてください。")
        return end


# ---- 人事異動 ----------------------------------------------------------------------------------

class TransferForm(AccessibleForm):
    effective = date_field("発令日", initial=next_april,
                           help_text="異動後の配属はこの日から始まり、異動前の配属は前日で終わります。例: 2027-04-01")


class TransferRowForm(AccessibleForm):
    employee_no = text_field("職員番号", max_length=30, size=10, required=False)
    old_code = text_field("異動前の組織コード", max_length=30, size=8, required=False)
    new_code = text_field("異動後の組織コード", max_length=30, size=8, required=False)
    role = forms.ChoiceField(label="役割", choices=[("", "（なし）"), *Role.choices], required=False)
    title = text_field("職名", max_length=100, size=10, required=False)


class BaseTransferFormSet(forms.BaseFormSet):
    def lines(self, actor, effective: date) -> list[TransferLine]:
        """Resolve each filled row to TransferLines; errors go on the row as 「n行目: …」."""
        lines: list[TransferLine] = []
        seen: dict[tuple[int, str], int] = {}
        for number, form in enumerate(self.forms, start=1):
            if not form.has_changed() or not form.is_valid():
                continue
            resolved = _resolve_row(form, number, actor, effective, seen)
            if resolved:
                lines.extend(resolved)
            wire_aria(form)
        return lines

    @property
    def row_errors(self) -> list[tuple[str, str]]:
        """(anchor id, message) of every row error, each message starting with 「n行目: 」."""
        found = []
        for number, form in enumerate(self.forms, start=1):
            for name, errors in form.errors.items():
                field = form[name] if name in form.fields else None
                anchor = field.id_for_label if field else form["employee_no"].id_for_label
                for message in errors:
                    if not message.startswith(f"{number}行目"):
                        label = f"{field.label}: " if field else ""
                        message = f"{number}行目: {label}{message}"
                    found.append((anchor, message))
        return found


def _resolve_row(form, number: int, actor, effective: date, seen: dict) -> list[TransferLine]:
    data, prefix = form.cleaned_data, f"{number}行目: "
    day_before = effective - timedelta(days=1)

    def fail(field, message):
        form.add_error(field, prefix + message)

    employee_no = data["employee_no"].strip()
    old_code, new_code, role, title = (data["old_code"].strip(), data["new_code"].strip(), data["role"],
                                       data["title"].strip())
    if not employee_no:
        fail("employee_no", "職員番号を入力してください。")
        return []
    person = selectors.people_for(actor, CHANGE).filter(employee_no=employee_no).first()
    if person is None:
        fail("employee_no", f"職員番号「{employee_no}」が見つかりません。")
        return []
    if not (old_code or new_code or role):
        fail(None, "異動前または異動後の組織コードを入力してください。")
        return []
    key = (person.pk, old_code)
    if key in seen:
        fail("employee_no", f"職員番号「{employee_no}」は{seen[key]}行目と同じ異動前の組織で重複しています。")
        return []
    seen[key] = number
    ending: list[Assignment] = []
    if old_code:
        old_unit = selectors.unit_by_code(actor, old_code, day_before)
        if old_unit is None:
            fail("old_code", f"異動前の組織コード「{old_code}」の組織は{wareki(day_before)}に存在しません。")
        else:
            ending = list(selectors.assignments_for(actor, CHANGE).filter(person=person, unit=old_unit)
                          .current_on(day_before).order_by("start", "pk"))
            if not ending:
                fail("old_code", f"{person.name}さんは{wareki(day_before)}に{old_unit.name}に配属されていません。")
    new_unit = None
    if new_code:
        new_unit = selectors.unit_by_code(actor, new_code, effective)
        if new_unit is None:
            fail("new_code", f"異動後の組織コード「{new_code}」の組織は{wareki(effective)}に存在しません。")
        if not role:
            fail("role", "異動後の役割を選んでください。")
    elif role in UNIT_ROLES:
        fail("new_code", f"{Role(role).label}には異動後の組織コードが必要です。")
    if form.errors:
        return []
    if not ending:
        return [TransferLine(person=person, end_assignment=None, new_unit=new_unit, new_role=role, new_title=title)]
    first, *others = ending
    return [TransferLine(person=person, end_assignment=first, new_unit=new_unit, new_role=role or None,
                         new_title=title)] + [
        TransferLine(person=person, end_assignment=other, new_unit=None, new_role=None) for other in others]


def transfer_formset(data=None, *, rows: int = 10):
    formset_class = forms.formset_factory(TransferRowForm, formset=BaseTransferFormSet, extra=rows, max_num=200,
                                          absolute_max=200)
    return formset_class(data, prefix="rows")
