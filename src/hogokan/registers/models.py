"""個人情報ファイル簿 (法74, 75), 個人情報取扱事務 and 特定個人情報保護評価 (番号法27, 28; RULES §4, §6)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from hogokan.core.calendar import wareki
from hogokan.core.models import LegalRecord
from hogokan.org.models import Organ, OrgUnit
from hogokan.registers import rules
from hogokan.registers.items import WITHHOLDABLE


class HandlingAffair(LegalRecord):
    """個人情報取扱事務: an affair of a unit that handles personal information, with 開始届/変更届/廃止届."""

    organ = models.ForeignKey(Organ, on_delete=models.PROTECT, related_name="handling_affairs", verbose_name="実施機関")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="handling_affairs",
                             verbose_name="事務を所管する組織")
    name = models.CharField("事務の名称", max_length=200)
    purpose = models.TextField("事務の目的", blank=True)
    record_items = models.TextField("取り扱う個人情報の項目", blank=True)
    started_on = models.DateField("開始日")
    ended_on = models.DateField("廃止日", null=True, blank=True)
    # The public 取扱事務 list (issue 22 §5): chosen per affair; withheld items as in the ファイル簿 (法75③)
    public = models.BooleanField("公表する", default=False)
    withheld = models.JSONField("公表しない項目と理由", default=dict, blank=True)
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    history = HistoricalRecords()

    WITHHOLDABLE = {"purpose": "事務の目的", "record_items": "取り扱う個人情報の項目"}

    class Meta:
        verbose_name = "個人情報取扱事務"
        verbose_name_plural = "個人情報取扱事務"
        ordering = ["organ__display_order", "unit__code", "name"]
        indexes = [models.Index(fields=["organ", "started_on", "ended_on"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.unit_id and self.organ_id and self.unit.organ_id != self.organ_id:
            raise ValidationError({"unit": "所管する組織は、選んだ実施機関の組織から選んでください。"})
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "廃止日は開始日以後の日付にしてください。"})

    def in_force_on(self, day) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on > day)


class AffairEvent(models.Model):
    """One 届出: 開始届, 変更届 or 廃止届, dated (the day it takes effect) and kept for ever."""

    class Kind(models.TextChoices):
        START = "start", "開始届"
        CHANGE = "change", "変更届"
        END = "end", "廃止届"

    affair = models.ForeignKey(HandlingAffair, on_delete=models.PROTECT, related_name="events", verbose_name="事務")
    kind = models.CharField("届出の種類", max_length=10, choices=Kind.choices)
    effective_on = models.DateField("効力発生日")
    filed_on = models.DateField("届出日")
    note = models.TextField("届出の内容", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="登録者")
    recorded_at = models.DateTimeField("登録日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "取扱事務の届出"
        verbose_name_plural = "取扱事務の届出"
        ordering = ["affair", "effective_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {wareki(self.effective_on)}"


class PersonalInfoFile(LegalRecord):
    """個人情報ファイル簿の1件 (法74①, 75): the working copy; approved revisions are FileVersions."""

    class Kind(models.TextChoices):
        STATUTORY = "statutory", "法定（法75①）"
        NON_STATUTORY = "non_statutory", "法定外"

    class Exemption(models.TextChoices):
        PERSONNEL = "personnel", "職員の人事・給与・福利厚生等に関する事項を記録するもの（法74②三）"
        ERASED = "erased", "1年以内に消去するもの（法74②五）"
        MAILING = "mailing", "送付又は連絡に必要な事項のみを記録するもの（法74②六）"
        RESEARCH = "research", "学術研究の用に供するもの（法74②七）"
        FEW = "few", "本人の数が1,000人に満たないもの（法74②九、令20③）"
        SUBSET = "subset", "公表済みファイルの範囲内のもの（法75②二・三）"
        OTHER = "other", "その他（法74②各号）"

    class Processing(models.TextChoices):
        COMPUTER = "computer", "電算処理ファイル"
        MANUAL = "manual", "マニュアル処理ファイル"

    class Status(models.TextChoices):
        DRAFT = "draft", "作成中"
        PENDING = "pending", "承認待ち"
        APPROVED = "approved", "承認済み（公表前）"
        PUBLISHED = "published", "公表中"
        RETIRED = "retired", "削除済み"

    # 法74① items
    name = models.CharField("個人情報ファイルの名称", max_length=200)
    organ = models.ForeignKey(Organ, on_delete=models.PROTECT, related_name="personal_info_files",
                              verbose_name="行政機関等の名称")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="personal_info_files",
                             verbose_name="事務をつかさどる組織")
    purpose = models.TextField("利用目的")
    record_items = models.TextField("記録項目")
    record_scope = models.TextField("記録範囲")
    collection_method = models.TextField("記録情報の収集方法")
    has_sensitive = models.BooleanField("要配慮個人情報が含まれる", default=False)
    has_ordinance_sensitive = models.BooleanField("条例要配慮個人情報が含まれる（法75④）", default=False)
    regular_recipients = models.TextField("記録情報の経常的提供先", blank=True)
    request_office = models.TextField("開示・訂正・利用停止請求を受理する組織の名称及び所在地")
    special_procedures = models.TextField("訂正及び利用停止に関する他の法令の特別の手続", blank=True)
    processing = models.CharField("電算処理ファイル・マニュアル処理ファイルの別", max_length=20,
                                  choices=Processing.choices, default=Processing.COMPUTER)
    anonymization_target = models.BooleanField("行政機関等匿名加工情報の提案募集の対象", default=False)
    proposal_office = models.TextField("提案を受ける組織の名称及び所在地", blank=True)
    proposal_period = models.CharField("提案を受ける期間", max_length=200, blank=True)
    remarks = models.TextField("備考", blank=True)
    # Register kind (法75②) and the body's own bookkeeping
    kind = models.CharField("法定・法定外の別", max_length=20, choices=Kind.choices, default=Kind.STATUTORY)
    exemption = models.CharField("法定外とする理由（法75②）", max_length=20, choices=Exemption.choices, blank=True)
    exemption_note = models.CharField("法定外とする理由の補足", max_length=200, blank=True)
    is_specific = models.BooleanField("特定個人情報ファイル", default=False)
    # 法75③: {field name: reason} of the items left out of the published register
    withheld = models.JSONField("公表しない項目と理由（法75③）", default=dict, blank=True)
    handling_affairs = models.ManyToManyField(HandlingAffair, blank=True, related_name="files",
                                              verbose_name="個人情報取扱事務")
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.DRAFT)
    registered_on = models.DateField("ファイル簿への登載日", null=True, blank=True)
    published_on = models.DateField("初回公表日", null=True, blank=True)
    retired_on = models.DateField("ファイル簿からの削除日", null=True, blank=True)
    retire_reason = models.CharField("削除の理由", max_length=200, blank=True)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "個人情報ファイル簿"
        verbose_name_plural = "個人情報ファイル簿"
        ordering = ["organ__display_order", "unit__code", "name"]
        indexes = [models.Index(fields=["organ", "name"]), models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.unit_id and self.organ_id and self.unit.organ_id != self.organ_id:
            errors["unit"] = "事務をつかさどる組織は、選んだ行政機関等（実施機関）の組織から選んでください。"
        if self.kind == self.Kind.NON_STATUTORY and not self.exemption:
            errors["exemption"] = "法定外とする理由（法75②）を選んでください。"
        if self.kind == self.Kind.STATUTORY and self.exemption:
            errors["exemption"] = "法定のファイルには法定外とする理由を選ばないでください。"
        if self.anonymization_target and not self.proposal_office.strip():
            errors["proposal_office"] = "提案募集の対象とするときは、提案を受ける組織を入力してください。"
        unknown = set(self.withheld or {}) - set(WITHHOLDABLE)
        if unknown:
            errors["withheld"] = "公表しない項目に選べない項目が含まれています。"
        elif any(not str(reason).strip() for reason in (self.withheld or {}).values()):
            errors["withheld"] = "公表しない項目には、その理由（法75③）を入力してください。"
        if errors:
            raise ValidationError(errors)

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.APPROVED, self.Status.PUBLISHED)


class FileVersion(models.Model):
    """An approved revision of a file: the snapshot of its statutory items as approved.

    ``public`` marks the one version the public register shows (the last published, until the file
    is retired); the public pages read nothing else.
    """

    file = models.ForeignKey(PersonalInfoFile, on_delete=models.PROTECT, related_name="versions",
                             verbose_name="個人情報ファイル")
    number = models.PositiveIntegerField("版")
    snapshot = models.JSONField("登載事項")
    withheld = models.JSONField("公表しない項目と理由", default=dict)
    approved_at = models.DateTimeField("承認日時")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="承認者")
    published_at = models.DateTimeField("公表日時", null=True, blank=True)
    public = models.BooleanField("公開中", default=False)
    # Denormalised for the public list's filters; search_text holds only the items that are published.
    organ = models.ForeignKey(Organ, on_delete=models.PROTECT, related_name="+", verbose_name="行政機関等")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="組織")
    name = models.CharField("名称", max_length=200)
    kind = models.CharField("法定・法定外の別", max_length=20, choices=PersonalInfoFile.Kind.choices)
    search_text = models.TextField("検索用の公表事項", blank=True)

    class Meta:
        verbose_name = "個人情報ファイル簿の版"
        verbose_name_plural = "個人情報ファイル簿の版"
        ordering = ["file", "-number"]
        constraints = [models.UniqueConstraint(fields=["file", "number"], name="file_version_number")]
        indexes = [models.Index(fields=["public", "organ", "unit", "name"])]

    def __str__(self) -> str:
        return f"{self.name}（第{self.number}版）"


class PIA(LegalRecord):
    """特定個人情報保護評価 of one 特定個人情報ファイル (番号法27, 28; RULES §6)."""

    file = models.OneToOneField(PersonalInfoFile, on_delete=models.PROTECT, related_name="pia",
                                verbose_name="特定個人情報ファイル")
    persons = models.PositiveIntegerField("対象人数")
    handlers = models.PositiveIntegerField("取扱者数")
    serious_accident = models.BooleanField("過去1年以内の重大事故", default=False)
    level = models.CharField("実施した評価", max_length=20,
                             choices=[(key, label) for key, label in rules.LEVEL_LABELS.items()])
    published_on = models.DateField("評価書の公表日", null=True, blank=True)
    last_reviewed_on = models.DateField("直近の見直し日", null=True, blank=True)
    review_due = models.DateField("次回の見直し期限", null=True, blank=True)
    reevaluation_due = models.DateField("再評価の期限", null=True, blank=True)
    note = models.TextField("備考", blank=True)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "特定個人情報保護評価"
        verbose_name_plural = "特定個人情報保護評価"
        ordering = ["reevaluation_due", "pk"]

    def __str__(self) -> str:
        return f"{self.file.name}の特定個人情報保護評価"

    @property
    def computed(self) -> rules.PiaLevel:
        return rules.pia_level(self.persons, self.handlers, self.serious_accident)

    @property
    def level_label(self) -> str:
        return rules.LEVEL_LABELS[self.level]

    @property
    def level_outdated(self) -> bool:
        return rules.needs_reevaluation(self.level, self.computed.level)


class PIAChange(LegalRecord):
    """重要な変更 (指針 第6 2(1)): a change that requires re-evaluation before it takes effect."""

    pia = models.ForeignKey(PIA, on_delete=models.PROTECT, related_name="changes", verbose_name="保護評価")
    description = models.TextField("変更の内容")
    planned_on = models.DateField("変更の予定日")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="登録者")
    recorded_at = models.DateTimeField("登録日時", auto_now_add=True)
    reevaluated_on = models.DateField("再評価の公表日", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "重要な変更"
        verbose_name_plural = "重要な変更"
        ordering = ["pia", "planned_on"]

    def __str__(self) -> str:
        return self.description[:40]


from hogokan.registers.models_evaluation import (  # noqa: E402, F401  (評価書・評価の実施・審議会: models_evaluation.py)
    CouncilAgendaItem,
    CouncilMeeting,
    EvaluationChange,
    EvaluationDocument,
    EvaluationRound,
    EvaluationVersion,
)
