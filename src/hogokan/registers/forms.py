"""Forms of the registers: validation only; the services write."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from hogokan.core.forms import AccessibleForm, date_field
from hogokan.core.lists import FilterForm
from hogokan.core.permissions import CHANGE, VIEW, restrict
from hogokan.org.models import Organ, OrgUnit
from hogokan.registers import items
from hogokan.registers.models import PIA, HandlingAffair, PersonalInfoFile


def required_messages(label: str) -> dict:
    return {"required": f"{label}を入力してください。", "invalid": f"{label}を正しく入力してください。"}


def choice(label: str) -> dict:
    return {"required": f"{label}を選んでください。", "invalid_choice": f"{label}は選択肢から選んでください。",
            "invalid_pk_value": f"{label}は選択肢から選んでください。", "invalid_list": f"{label}は選択肢から選んでください。"}


def _text(label: str, *, required: bool = True, rows: int = 3, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows, "cols": 70}), error_messages=required_messages(label))


def units_for(actor):
    """The units a file or affair may be placed in: the actor's own (all for the chief), valid ones."""
    units = OrgUnit.objects.filter(valid_to__isnull=True).select_related("organ").order_by("organ__display_order", "code")
    return units if actor.unit_ids is None else units.filter(pk__in=actor.unit_ids)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return f"{unit.organ.name}　{unit.code} {unit.name}"


class FileForm(AccessibleForm):
    name = forms.CharField(label="個人情報ファイルの名称", max_length=200, widget=forms.TextInput(attrs={"size": 50}),
                           help_text="例: 住民基本台帳ファイル", error_messages=required_messages("個人情報ファイルの名称"))
    unit = UnitChoiceField(label="事務をつかさどる組織", queryset=OrgUnit.objects.none(), error_messages=choice("組織"),
                           help_text="実施機関（行政機関等の名称）はこの組織の実施機関になります。")
    purpose = _text("利用目的", help_text="例: 住民の居住関係の公証、選挙人名簿の登録その他の住民に関する事務の処理の基礎とするため")
    record_items = _text("記録項目", help_text="例: 1 氏名、2 生年月日、3 性別、4 住所 …")
    record_scope = _text("記録範囲", rows=2, help_text="例: 市内に住所を有する者")
    collection_method = _text("記録情報の収集方法", rows=2, help_text="例: 本人からの届出、他の市町村からの通知")
    has_sensitive = forms.BooleanField(label="要配慮個人情報が含まれる", required=False)
    has_ordinance_sensitive = forms.BooleanField(label="条例要配慮個人情報が含まれる（法75④）", required=False)
    regular_recipients = _text("記録情報の経常的提供先", required=False, rows=2, help_text="なければ空欄")
    request_office = _text("開示・訂正・利用停止請求を受理する組織の名称及び所在地", rows=2,
                           help_text="例: 総務局法務課（みなと緑市中央1-1-1 本庁舎3階）")
    special_procedures = _text("訂正及び利用停止に関する他の法令の特別の手続", required=False, rows=2)
    processing = forms.ChoiceField(label="電算処理ファイル・マニュアル処理ファイルの別",
                                   choices=PersonalInfoFile.Processing.choices, widget=forms.RadioSelect,
                                   error_messages=choice("電算・マニュアルの別"))
    anonymization_target = forms.BooleanField(label="行政機関等匿名加工情報の提案募集の対象とする", required=False)
    proposal_office = _text("提案を受ける組織の名称及び所在地", required=False, rows=2)
    proposal_period = forms.CharField(label="提案を受ける期間", max_length=200, required=False,
                                      widget=forms.TextInput(attrs={"size": 40}))
    remarks = _text("備考", required=False, rows=2)
    kind = forms.ChoiceField(label="法定・法定外の別", choices=PersonalInfoFile.Kind.choices, widget=forms.RadioSelect,
                             error_messages=choice("法定・法定外の別"))
    exemption = forms.ChoiceField(label="法定外とする理由（法75②）", required=False,
                                  choices=[("", "（法定のファイル）")] + list(PersonalInfoFile.Exemption.choices),
                                  error_messages=choice("法定外とする理由"))
    exemption_note = forms.CharField(label="法定外とする理由の補足", max_length=200, required=False,
                                     widget=forms.TextInput(attrs={"size": 50}))
    is_specific = forms.BooleanField(label="特定個人情報ファイル（個人番号を含む）", required=False)
    handling_affairs = forms.ModelMultipleChoiceField(label="個人情報取扱事務", queryset=HandlingAffair.objects.none(),
                                                      required=False, error_messages=choice("個人情報取扱事務"),
                                                      widget=forms.SelectMultiple(attrs={"size": 6}),
                                                      help_text="このファイルを利用する事務（Ctrl キーで複数選択）。")
    reason = forms.CharField(label="変更の理由", max_length=200, required=False, widget=forms.TextInput(attrs={"size": 50}),
                             help_text="改訂のときは理由を残してください。例: 記録項目に電子メールアドレスを追加")

    SERVICE_FIELDS = ("name", "unit", "purpose", "record_items", "record_scope", "collection_method", "has_sensitive",
                      "has_ordinance_sensitive", "regular_recipients", "request_office", "special_procedures",
                      "processing", "anonymization_target", "proposal_office", "proposal_period", "remarks", "kind",
                      "exemption", "exemption_note", "is_specific", "handling_affairs")

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for(actor)
        self.fields["handling_affairs"].queryset = restrict(
            HandlingAffair.objects.filter(ended_on__isnull=True), actor, VIEW).order_by("unit__code", "name")
        for field in items.WITHHOLDABLE:
            label = items.LABELS[field]
            self.fields[f"withhold_{field}"] = forms.BooleanField(label=f"「{label}」を公表しない", required=False)
            self.fields[f"withhold_{field}_reason"] = forms.CharField(
                label=f"「{label}」を公表しない理由", max_length=200, required=False,
                widget=forms.TextInput(attrs={"size": 50}))
        from hogokan.core.forms import wire_aria

        wire_aria(self)

    @classmethod
    def initial_for(cls, file: PersonalInfoFile) -> dict:
        initial = {name: getattr(file, name) for name in cls.SERVICE_FIELDS if name != "handling_affairs"}
        initial["handling_affairs"] = list(file.handling_affairs.all())
        for field, reason in (file.withheld or {}).items():
            initial[f"withhold_{field}"] = True
            initial[f"withhold_{field}_reason"] = reason
        return initial

    def withhold_rows(self):
        return [(self[f"withhold_{field}"], self[f"withhold_{field}_reason"]) for field in items.WITHHOLDABLE]

    def clean(self):
        cleaned = super().clean()
        withheld = {}
        for field in items.WITHHOLDABLE:
            reason = (cleaned.get(f"withhold_{field}_reason") or "").strip()
            if cleaned.get(f"withhold_{field}"):
                if not reason:
                    self.add_error(f"withhold_{field}_reason", "公表しない理由（法75③）を入力してください。")
                withheld[field] = reason
        cleaned["withheld"] = withheld
        return cleaned

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.SERVICE_FIELDS}
        data["organ"] = data["unit"].organ
        data["withheld"] = self.cleaned_data["withheld"]
        return data


class ReturnForm(AccessibleForm):
    comment = forms.CharField(label="差し戻す理由", max_length=500, widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
                              error_messages=required_messages("差し戻す理由"))


class RetireForm(AccessibleForm):
    retired_on = date_field("ファイル簿からの削除日")
    reason = forms.CharField(label="削除の理由", max_length=200, widget=forms.TextInput(attrs={"size": 50}),
                             help_text="例: 事務の廃止により保有しなくなったため", error_messages=required_messages("削除の理由"))


# ---- handling affairs ---------------------------------------------------------------------------

class AffairStartForm(AccessibleForm):
    unit = UnitChoiceField(label="事務を所管する組織", queryset=OrgUnit.objects.none(), error_messages=choice("組織"))
    name = forms.CharField(label="事務の名称", max_length=200, widget=forms.TextInput(attrs={"size": 50}),
                           help_text="例: 住民基本台帳事務", error_messages=required_messages("事務の名称"))
    purpose = _text("事務の目的", required=False, rows=2)
    record_items = _text("取り扱う個人情報の項目", required=False, rows=2)
    started_on = date_field("開始日")
    filed_on = date_field("届出日", required=False, help_text="空欄なら今日")
    note = _text("届出の内容", required=False, rows=2)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for(actor)


class AffairChangeForm(AccessibleForm):
    effective_on = date_field("効力発生日")
    filed_on = date_field("届出日", required=False, help_text="空欄なら今日")
    note = _text("変更の内容", rows=3, help_text="例: 記録項目に「マイナンバーカードの交付状況」を追加")
    name = forms.CharField(label="変更後の事務の名称", max_length=200, required=False,
                           widget=forms.TextInput(attrs={"size": 50}), help_text="変わらなければ空欄")
    purpose = _text("変更後の事務の目的", required=False, rows=2, help_text="変わらなければ空欄")
    record_items = _text("変更後の個人情報の項目", required=False, rows=2, help_text="変わらなければ空欄")


class AffairEndForm(AccessibleForm):
    ended_on = date_field("廃止日")
    filed_on = date_field("届出日", required=False, help_text="空欄なら今日")
    note = _text("廃止の理由", required=False, rows=2)


# ---- PIA ---------------------------------------------------------------------------------------

class PiaForm(AccessibleForm):
    file = forms.ModelChoiceField(label="特定個人情報ファイル", queryset=PersonalInfoFile.objects.none(),
                                  error_messages=choice("特定個人情報ファイル"))
    persons = forms.IntegerField(label="対象人数", min_value=0, max_value=100_000_000,
                                 widget=forms.NumberInput(attrs={"size": 10}), help_text="ファイルに記録される本人の数。例: 120000",
                                 error_messages={**required_messages("対象人数"), "min_value": "対象人数は0以上で入力してください。",
                                                 "max_value": "対象人数が大きすぎます。"})
    handlers = forms.IntegerField(label="取扱者数", min_value=0, max_value=1_000_000,
                                  widget=forms.NumberInput(attrs={"size": 8}), help_text="委託先を含めて取り扱う者の数。例: 350",
                                  error_messages={**required_messages("取扱者数"), "min_value": "取扱者数は0以上で入力してください。",
                                                  "max_value": "取扱者数が大きすぎます。"})
    serious_accident = forms.BooleanField(label="過去1年以内に重大事故が発生した", required=False)
    published_on = date_field("評価書の公表日", required=False, help_text="公表前なら空欄。例: 2024-06-01")
    last_reviewed_on = date_field("直近の見直し日", required=False, help_text="例: 2025-06-01")
    note = _text("備考", required=False, rows=2)

    def __init__(self, *args, actor, editing: PIA | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        files = restrict(PersonalInfoFile.objects.filter(is_specific=True), actor, CHANGE).exclude(
            status=PersonalInfoFile.Status.RETIRED)
        if editing is None:
            files = files.filter(pia__isnull=True)
        else:
            files = files.filter(pk=editing.file_id)
        self.fields["file"].queryset = files.order_by("unit__code", "name")


class PiaReviewForm(AccessibleForm):
    reviewed_on = date_field("見直しを実施した日")


class PiaChangeForm(AccessibleForm):
    description = _text("重要な変更の内容", help_text="例: ガバメントクラウドへの移行に伴うシステム基盤の変更")
    planned_on = date_field("変更の予定日", help_text="再評価はこの日までに行います。例: 2025-10-01")


class PiaReevaluateForm(AccessibleForm):
    published_on = date_field("再評価した評価書の公表日")
    persons = PiaForm.base_fields["persons"]
    handlers = PiaForm.base_fields["handlers"]
    serious_accident = PiaForm.base_fields["serious_accident"]


class FileFilterForm(FilterForm):
    """The 個人情報ファイル簿 list's filters: the page, its downloads and GET /api/v1/registers/files.

    On the page an empty 状態 hides the retired files (「すべて」 shows them); the API hides nothing.
    """

    q = forms.CharField(label="キーワード", required=False, widget=forms.TextInput(attrs={"size": 20, "type": "search"}))
    organ = forms.ModelChoiceField(label="実施機関", required=False, queryset=Organ.objects.all(), empty_label="すべて",
                                   help_text="実施機関の ID")
    unit = forms.ModelChoiceField(label="組織", required=False, queryset=OrgUnit.objects.all(), help_text="組織の ID")
    kind = forms.ChoiceField(label="法定・法定外", required=False, choices=[("", "すべて"), *PersonalInfoFile.Kind.choices])
    status = forms.ChoiceField(label="状態", required=False, choices=[
        ("", "削除済み以外"), ("all", "すべて"), *PersonalInfoFile.Status.choices])
    processing = forms.ChoiceField(label="電算・マニュアル", required=False,
                                   choices=[("", "すべて"), *PersonalInfoFile.Processing.choices])
    specific = forms.BooleanField(label="特定個人情報ファイルのみ", required=False)
    api_only = ("unit",)

    def apply(self, queryset):
        data = self.cleaned_data
        for name in ("organ", "unit", "kind", "processing"):
            if data.get(name):
                queryset = queryset.filter(**{name: data[name]})
        if data["status"] in PersonalInfoFile.Status.values:
            queryset = queryset.filter(status=data["status"])
        elif data["status"] != "all" and not self.api:
            queryset = queryset.exclude(status=PersonalInfoFile.Status.RETIRED)
        if data["specific"]:
            queryset = queryset.filter(is_specific=True)
        if keyword := data["q"].strip()[:100]:
            queryset = queryset.filter(Q(name__icontains=keyword) | Q(purpose__icontains=keyword)
                                       | Q(record_items__icontains=keyword))
        return queryset


class AffairFilterForm(FilterForm):
    """The 個人情報取扱事務 list's filters (the page and its downloads)."""

    q = forms.CharField(label="事務の名称", required=False, widget=forms.TextInput(attrs={"size": 20, "type": "search"}))
    organ = forms.ModelChoiceField(label="実施機関", required=False, queryset=Organ.objects.all(), empty_label="すべて")
    state = forms.ChoiceField(label="状態", required=False,
                              choices=[("", "実施中"), ("ended", "廃止済み"), ("all", "すべて")])

    def apply(self, queryset):
        data = self.cleaned_data
        if data["organ"]:
            queryset = queryset.filter(organ=data["organ"])
        if data["state"] == "ended":
            queryset = queryset.filter(ended_on__isnull=False)
        elif data["state"] != "all":
            queryset = queryset.filter(ended_on__isnull=True)
        if keyword := data["q"].strip()[:100]:
            queryset = queryset.filter(name__icontains=keyword)
        return queryset


class PublicFilterForm(FilterForm):
    """The public register's search (no login): validated without a query, since every visitor asks."""

    q = forms.CharField(label="キーワード", required=False)
    organ = forms.IntegerField(label="行政機関等（実施機関）", required=False, min_value=1)
    unit = forms.IntegerField(label="組織", required=False, min_value=1)
    kind = forms.ChoiceField(label="法定・法定外", required=False, choices=[("", "すべて"), *PersonalInfoFile.Kind.choices])

    def apply(self, queryset):
        data = self.cleaned_data
        if data["organ"]:
            queryset = queryset.filter(organ_id=data["organ"])
        if data["unit"]:
            queryset = queryset.filter(unit_id=data["unit"])
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if keyword := data["q"].strip()[:100]:
            queryset = queryset.filter(search_text__icontains=keyword)  # the name is one of the published items
        return queryset
