"""漏えい等事案 [Incident] in the 八千代市 format, its timeline, recurrence-prevention measures
[PreventiveMeasure], the personal-data catalogue [DataItem] and near misses [NearMiss]."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from hogokan.core.models import LegalRecord
from hogokan.core.validators import DateRange
from hogokan.incidents import rules
from hogokan.org.models import OrgUnit, Person

# The first plausible day of an incident or near miss (平成): older dates are typing errors.
EARLIEST_INCIDENT_DATE = date(1989, 1, 1)


class DataItem(models.Model):
    """One entry of the maintained catalogue of personal-data items (氏名, 病歴 …) with its legal marks."""

    name = models.CharField("項目", max_length=100, unique=True)
    sensitive = models.BooleanField("要配慮個人情報", default=False, help_text="法2条3項・令2条")
    ordinance_sensitive = models.BooleanField("条例要配慮個人情報", default=False, help_text="法60条5項（条例で定めるもの）")
    property_risk = models.BooleanField("財産的被害のおそれ", default=False, help_text="規則43条2号")
    my_number = models.BooleanField("個人番号（特定個人情報）", default=False)
    order = models.PositiveIntegerField("表示順", default=100)
    active = models.BooleanField("使用中", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "個人情報の項目"
        verbose_name_plural = "個人情報の項目"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def marks(self) -> list[str]:
        return [label for flag, label in ((self.sensitive, "要配慮"), (self.ordinance_sensitive, "条例要配慮"),
                                          (self.property_risk, "財産的被害"), (self.my_number, "個人番号")) if flag]


class Medium(models.TextChoices):
    PAPER = "paper", "紙"
    EMAIL = "email", "電子メール"
    FAX = "fax", "FAX"
    WEB = "web", "Web"
    MEDIA = "media", "記録媒体"
    SYSTEM = "system", "システム"
    ORAL = "oral", "口頭"
    OTHER = "other", "その他"


class Kind(models.TextChoices):
    MISSENT_MAIL = "missent_mail", "誤送付"
    MISSENT_EMAIL = "missent_email", "誤送信"
    MISHANDED = "mishanded", "誤交付"
    MISPOSTED = "misposted", "誤掲載"
    LOST = "lost", "紛失"
    STOLEN = "stolen", "盗難"
    UNAUTHORIZED_ACCESS = "unauthorized_access", "不正アクセス"
    INSIDER = "insider", "内部不正"
    CONTRACTOR = "contractor", "委託先での事故"
    DISPOSAL = "disposal", "誤廃棄"
    OTHER = "other", "その他"


class Cause(models.TextChoices):
    CHECK = "check", "確認不足"
    OPERATION = "operation", "操作誤り"
    PROCEDURE = "procedure", "手順・規程の不備"
    MANAGEMENT = "management", "保管・管理の不備"
    CONTRACTOR = "contractor", "委託先の管理不備"
    ATTACK = "attack", "外部からの攻撃"
    MALICE = "malice", "内部不正"
    THEFT = "theft", "盗難・窃取"
    UNKNOWN = "unknown", "不明（調査中）"
    OTHER = "other", "その他"


class Discoverer(models.TextChoices):
    STAFF = "staff", "職員"
    CONTRACTOR = "contractor", "委託先"
    PERSON = "person", "本人"
    THIRD_PARTY = "third_party", "第三者（本人以外）"
    OTHER = "other", "その他"


class SecondaryDamage(models.TextChoices):
    NONE = "none", "なし"
    POSSIBLE = "possible", "おそれあり"
    OCCURRED = "occurred", "あり"
    UNKNOWN = "unknown", "調査中"


class Incident(LegalRecord):
    # The change history shows the decision's codes by their names (core.history).
    history_value_labels = {"report_laws": rules.LAW_LABELS, "report_grounds": rules.GROUND_LABELS,
                            # a dict: its keys and its values are named
                            "fact_answers": {**rules.FACT_NAMES, "yes": "はい", "no": "いいえ", "unknown": "分からない"}}

    class Status(models.TextChoices):
        RECEIVED = "received", "受付"
        INVESTIGATING = "investigating", "調査中"
        RESPONDING = "responding", "対応中"
        PREVENTING = "preventing", "再発防止策実施中"
        CLOSED = "closed", "完了"

    class Notice(models.TextChoices):
        PENDING = "pending", "未実施"
        DONE = "done", "通知済み"
        EXEMPT = "exempt", "通知しない（例外）"

    class Exemption(models.TextChoices):
        NONE = "", "—"
        DIFFICULT = "difficult", "本人への通知が困難で代替措置を講じる（規則45条ただし書）"
        ART78 = "art78", "法78条1項の不開示情報を含む（法68条2項2号）"

    class Substitute(models.TextChoices):
        NONE = "", "—"
        PUBLICATION = "publication", "公表"
        ENQUIRY_DESK = "enquiry_desk", "問合せ窓口の設置"
        BOTH = "both", "公表及び問合せ窓口"
        OTHER = "other", "その他"

    number = models.CharField("事案番号", max_length=20, unique=True, editable=False)
    title = models.CharField("件名", max_length=200)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="incidents", verbose_name="発生部署")
    occurred_on = models.DateField("発生日", null=True, blank=True,
                                   validators=[DateRange(EARLIEST_INCIDENT_DATE, not_future=True)])
    learned_on = models.DateField("判明日", help_text="本市のいずれかの部署が知った日。報告期限はこの日から数えます。",
                                  validators=[DateRange(EARLIEST_INCIDENT_DATE, not_future=True)])
    learned_how = models.TextField("判明した経緯", blank=True)
    # 規則44 (the PPC's report form): who found it, how and when — the day the body learned may be later.
    discoverer = models.CharField("発見者の区分", max_length=20, choices=Discoverer.choices, blank=True)
    discovered_by = models.CharField("発見者", max_length=200, blank=True,
                                     help_text="例: 窓口課職員、送付先の住民、委託先の作業者")
    discovered_how = models.CharField("発見の方法", max_length=300, blank=True,
                                      help_text="例: 住民からの電話連絡、定期点検での照合")
    discovered_at = models.DateTimeField("発見日時", null=True, blank=True)
    summary = models.TextField("概要", blank=True)
    data_items = models.ManyToManyField(DataItem, blank=True, related_name="incidents",
                                        verbose_name="漏えい等した個人情報の項目")
    data_items_note = models.CharField("項目の補足", max_length=300, blank=True,
                                       help_text="例: 胸部レントゲン検診の所見、水栓番号・使用水量")
    persons = models.PositiveIntegerField("本人の数", default=0)
    persons_is_estimate = models.BooleanField("本人の数は概数（最大数を入力）", default=False)
    medium = models.CharField("媒体", max_length=20, choices=Medium.choices, blank=True)
    kind = models.CharField("事案の種類", max_length=30, choices=Kind.choices, blank=True)
    cause = models.CharField("原因の分類", max_length=20, choices=Cause.choices, blank=True)
    cause_detail = models.TextField("発生原因", blank=True)
    initial_response = models.TextField("発生時の対応", blank=True)
    secondary_damage_status = models.CharField("二次被害の有無", max_length=20, choices=SecondaryDamage.choices,
                                               blank=True)
    secondary_damage = models.TextField("二次被害又はそのおそれ", blank=True)
    contractor_involved = models.BooleanField("委託先が関係する", default=False)
    contract = models.ForeignKey("outsourcing.Contract", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="incidents", verbose_name="委託")
    contractor_name = models.CharField("委託先", max_length=200, blank=True)
    strongly_encrypted = models.BooleanField("高度な暗号化等の措置あり", default=False)
    malicious = models.BooleanField("不正の目的によるおそれ", default=False,
                                    help_text="不正アクセス、盗難、職員等による持出し等（規則43条3号）")
    published_on_web = models.BooleanField("Web上で不特定多数が閲覧できる状態になった", default=False)
    my_number_system = models.CharField("特定個人情報を扱うシステム", max_length=30, default="none",
                                        choices=rules.MN_SYSTEM_CHOICES)
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.RECEIVED)
    # The decision as last computed from the facts above (rules.decide); kept for lists and reminders.
    report_required = models.BooleanField("報告の要否", default=False)
    report_pending = models.BooleanField("判定未了", default=False,
                                         help_text="まだ分からない事実によっては報告が必要になる（第一報の直後など）")
    fact_answers = models.JSONField("事実の確認状況", default=dict, blank=True,
                                    help_text="第一報で尋ねる事実ごとに yes / no / unknown")
    report_laws = models.JSONField("根拠法令", default=list, blank=True)
    report_grounds = models.JSONField("該当号", default=list, blank=True)
    preliminary_due = models.DateField("速報の目安", null=True, blank=True)
    final_due = models.DateField("確報の期限", null=True, blank=True)
    preliminary_reported_on = models.DateField("速報の提出日", null=True, blank=True,
                                  validators=[DateRange(EARLIEST_INCIDENT_DATE, not_future=True)])
    final_reported_on = models.DateField("確報の提出日", null=True, blank=True,
                                  validators=[DateRange(EARLIEST_INCIDENT_DATE, not_future=True)])
    notice_status = models.CharField("本人への通知", max_length=20, choices=Notice.choices, default=Notice.PENDING)
    notice_date = models.DateField("通知日", null=True, blank=True,
                                  validators=[DateRange(EARLIEST_INCIDENT_DATE, not_future=True)])
    notice_method = models.CharField("通知の方法", max_length=200, blank=True, help_text="例: 電話、郵送、訪問")
    notice_exemption = models.CharField("通知しない理由の区分", max_length=20, choices=Exemption.choices,
                                        blank=True)
    substitute_measure = models.CharField("代替措置", max_length=20, choices=Substitute.choices, blank=True)
    notice_exemption_reason = models.TextField("通知しない理由", blank=True)
    published_on = models.DateField("公表日", null=True, blank=True,
                                  validators=[DateRange(EARLIEST_INCIDENT_DATE, not_future=True)])
    publication_note = models.CharField("公表の予定又は公表しない理由", max_length=300, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="第一報の報告者")
    reported_at = models.DateTimeField("第一報の日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "漏えい等事案"
        verbose_name_plural = "漏えい等事案"
        ordering = ["-learned_on", "-pk"]
        indexes = [models.Index(fields=["unit", "learned_on"]), models.Index(fields=["status"]),
                   models.Index(fields=["report_required", "final_reported_on"])]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def clean(self) -> None:
        errors = {}
        if self.occurred_on and self.learned_on and self.occurred_on > self.learned_on:
            errors["occurred_on"] = "発生日は判明日以前の日付にしてください。"
        if self.final_reported_on and self.preliminary_reported_on and self.final_reported_on < self.preliminary_reported_on:
            errors["final_reported_on"] = "確報の提出日は速報の提出日以降にしてください。"
        for name in ("preliminary_reported_on", "final_reported_on", "notice_date", "published_on"):
            value = getattr(self, name)
            if value and self.learned_on and value < self.learned_on:
                errors[name] = f"{self._meta.get_field(name).verbose_name}は判明日以降の日付にしてください。"
        if self.discovered_at and self.learned_on:
            found = timezone.localtime(self.discovered_at).date() if timezone.is_aware(self.discovered_at) \
                else self.discovered_at.date()
            if found > self.learned_on:
                errors["discovered_at"] = "発見日時は判明日以前にしてください（判明日は本市が知った日です）。"
            elif found < EARLIEST_INCIDENT_DATE:
                errors["discovered_at"] = "発見日時が古すぎます。"
            elif self.occurred_on and found < self.occurred_on:
                errors["discovered_at"] = "発見日時は発生日以後にしてください。"
        if self.secondary_damage_status in (SecondaryDamage.OCCURRED, SecondaryDamage.POSSIBLE) \
                and not self.secondary_damage.strip():
            errors["secondary_damage"] = "二次被害があるとき（おそれを含む）は、その内容を入力してください。"
        if self.notice_status == self.Notice.DONE and not self.notice_date:
            errors["notice_date"] = "通知済みのときは通知日を入力してください。"
        if self.notice_status == self.Notice.EXEMPT:
            if not self.notice_exemption:
                errors["notice_exemption"] = "通知しない理由の区分を選んでください。"
            if not self.notice_exemption_reason.strip():
                errors["notice_exemption_reason"] = "通知しない理由を文章で記録してください（規則45条）。"
            if self.notice_exemption == self.Exemption.DIFFICULT and not self.substitute_measure:
                errors["substitute_measure"] = "通知が困難なときは代替措置（公表・問合せ窓口等）を選んでください。"
            if self.notice_exemption == self.Exemption.ART78 and self.is_my_number_only_exemption:
                errors["notice_exemption"] = ("特定個人情報の漏えい等では、本人への通知の例外は「通知が困難で代替措置を"
                                              "講じる」場合に限られます。")
        if self.contract_id is not None:
            self.contractor_involved = True
        if errors:
            raise ValidationError(errors)

    @property
    def is_my_number_only_exemption(self) -> bool:
        # Only decided when the row exists (the item list is an m2m); a new incident has no items yet.
        return bool(self.pk) and self.data_items.filter(my_number=True).exists()

    @property
    def ground_labels(self) -> list[str]:
        return [rules.GROUND_LABELS[code] for code in self.report_grounds or []]

    @property
    def law_labels(self) -> list[str]:
        return [rules.LAW_LABELS[code] for code in self.report_laws or []]


class PpcReport(LegalRecord):
    """What was submitted to the 個人情報保護委員会: the 速報 or 確報 draft as it stood on submission (a snapshot)."""

    class Stage(models.TextChoices):
        PRELIMINARY = "preliminary", "速報"
        FINAL = "final", "確報"

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="ppc_reports", verbose_name="事案")
    stage = models.CharField("報告の種類", max_length=20, choices=Stage.choices)
    submitted_on = models.DateField("提出日", validators=[DateRange(EARLIEST_INCIDENT_DATE, not_future=True)])
    due_on = models.DateField("期限（目安）", null=True, blank=True)
    items = models.JSONField("報告事項", default=list, help_text="[{key, label, value, missing}]")
    text = models.TextField("報告の本文")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="記録者")
    recorded_at = models.DateTimeField("記録日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "個人情報保護委員会への報告"
        verbose_name_plural = "個人情報保護委員会への報告"
        ordering = ["incident", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.submitted_on.isoformat()}"

    @property
    def missing_labels(self) -> list[str]:
        return [item["label"] for item in self.items if item.get("missing")]


class TimelineEntry(LegalRecord):
    """経過: written automatically on every change, plus the staff's own entries."""

    class Source(models.TextChoices):
        SYSTEM = "system", "自動"
        MANUAL = "manual", "手入力"

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="timeline", verbose_name="事案")
    at = models.DateTimeField("日時")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name="記録者")
    source = models.CharField("区分", max_length=10, choices=Source.choices, default=Source.SYSTEM)
    text = models.TextField("内容")

    class Meta:
        verbose_name = "経過"
        verbose_name_plural = "経過"
        ordering = ["at", "pk"]


class PreventiveMeasure(LegalRecord):
    """再発防止策 ①②③ … of one incident (the Tokyo city follow-up table)."""

    class Status(models.TextChoices):
        PLANNED = "planned", "未着手"
        IN_PROGRESS = "in_progress", "実施中"
        DONE = "done", "実施済み"
        CANCELLED = "cancelled", "取りやめ"

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="measures", verbose_name="事案")
    number = models.PositiveIntegerField("番号")
    description = models.TextField("再発防止策")
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name="担当者")
    due_date = models.DateField("期限", null=True, blank=True)
    status = models.CharField("実施状況", max_length=20, choices=Status.choices, default=Status.PLANNED)
    done_on = models.DateField("実施日", null=True, blank=True,
                                  validators=[DateRange(EARLIEST_INCIDENT_DATE, not_future=True)])
    evidence = models.TextField("実施の記録", blank=True, help_text="例: 研修の実施日、改訂したマニュアルの名称")
    evaluation = models.TextField("評価", blank=True, help_text="取組に対する評価（効果、残る課題）")
    review_due = models.DateField("見直しの期日", null=True, blank=True)
    reviewed_on = models.DateField("見直し日", null=True, blank=True,
                                  validators=[DateRange(EARLIEST_INCIDENT_DATE, not_future=True)])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "再発防止策"
        verbose_name_plural = "再発防止策"
        ordering = ["incident", "number"]
        constraints = [models.UniqueConstraint(fields=["incident", "number"], name="measure_number_unique")]

    def __str__(self) -> str:
        return f"{rules.circled(self.number)} {self.description[:40]}"

    @property
    def label(self) -> str:
        return rules.circled(self.number)

    def clean(self) -> None:
        if self.status == self.Status.DONE and not self.done_on:
            raise ValidationError({"done_on": "実施済みのときは実施日を入力してください。"})


class NearMiss(LegalRecord):
    """ヒヤリ・ハット: a short report shared as a lesson across sections (the reporter may stay anonymous)."""

    title = models.CharField("件名", max_length=200)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="near_misses",
                             verbose_name="部署")
    occurred_on = models.DateField("発生日", validators=[DateRange(EARLIEST_INCIDENT_DATE, not_future=True)])
    medium = models.CharField("媒体", max_length=20, choices=Medium.choices, blank=True)
    kind = models.CharField("起きそうになったこと", max_length=30, choices=Kind.choices, blank=True)
    description = models.TextField("何が起きたか")
    lesson = models.TextField("気付き・防止策", blank=True)
    anonymous = models.BooleanField("匿名で共有する", default=False)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="報告者")
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ヒヤリ・ハット"
        verbose_name_plural = "ヒヤリ・ハット"
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class SearchDocument(models.Model):
    """The searchable text of one incident or near miss (kept by the services; no history of its own).

    PostgreSQL searches ``body`` through a pg_trgm GIN index; SQLite through the FTS5 trigram table
    ``incidents_search`` and, for queries under 3 characters, ``body`` with icontains.
    """

    kind = models.CharField(max_length=10)
    record_id = models.PositiveBigIntegerField()
    body = models.TextField(blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "record_id"], name="search_document_unique")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.record_id}"
