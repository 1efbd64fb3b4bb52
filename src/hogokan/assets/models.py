"""情報資産 (1): the information systems register [InfoSystem], their accounts [SystemAccount], the access
reviews after 人事異動 and long leaves [AccessReview], account stocktakes (棚卸し) [AccountStocktake] and
log analyses [LogAnalysis].

The security review, removable media and take-outs live in their own files of this app (models_*.py).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from hogokan.core.models import LegalRecord
from hogokan.core.validators import DateRange
from hogokan.org.models import OrgUnit, Person

# Earliest plausible date of an account or an analysis (平成): older dates are typing errors.
EARLIEST_ASSET_DATE = date(1989, 1, 8)


class Location(models.TextChoices):
    ONPREMISE = "onpremise", "庁舎内"
    DATACENTER = "datacenter", "データセンター"
    CLOUD = "cloud", "クラウド"
    GOV_CLOUD = "gov_cloud", "ガバメントクラウド"


class Network(models.TextChoices):
    MYNUMBER = "mynumber", "マイナンバー利用事務系"
    LGWAN = "lgwan", "LGWAN接続系"
    INTERNET = "internet", "インターネット接続系"
    CLOSED = "closed", "閉域（スタンドアロン等）"


class IdPolicy(models.TextChoices):
    """京都市 survey b(a) 利用者個人ごとの利用者認証機能の設定."""

    PERSONAL = "personal", "利用者個人ごとにIDやパスワードを設けている"
    SHARED = "shared", "共用のIDやパスワードを設けている"
    NONE = "none", "IDやパスワードによる管理を行っていない"


class AdminGrantor(models.TextChoices):
    """Who may grant administrator rights (京都市 survey c(b), multiple answers)."""

    IT_DEPARTMENT = "it_dept", "情報システム部門"
    SECTION_HEAD = "section_head", "所管課（課長等）"
    SECTION_STAFF = "section_staff", "所管課の職員（利用者としての権限のない係長等）"
    USER = "user", "利用者本人"
    CONTRACTOR = "contractor", "委託事業者"
    OTHER = "other", "その他"


class PatchingBy(models.TextChoices):
    IT_DEPARTMENT = "it_dept", "情報システム部門"
    SECTION = "section", "所管課"
    CONTRACTOR = "contractor", "委託事業者（保守契約）"
    NONE = "none", "定めていない"


class Frequency(models.TextChoices):
    """How often a periodic task is due (log analysis, account stocktake); months in rules.FREQUENCY_MONTHS."""

    NONE = "none", "定めていない（行っていない）"
    MONTHLY = "monthly", "毎月"
    QUARTERLY = "quarterly", "四半期ごと"
    HALF_YEARLY = "half_yearly", "半年ごと"
    YEARLY = "yearly", "毎年"


class InfoSystem(LegalRecord):
    """情報システム: one system of the register, owned by its 所管課."""

    name = models.CharField("システム名", max_length=200)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="info_systems", verbose_name="所管課")
    purpose = models.TextField("利用目的・業務の概要", blank=True)
    handles_personal_information = models.BooleanField("個人情報", default=False)
    handles_specific_personal_information = models.BooleanField("特定個人情報", default=False)
    files = models.ManyToManyField("registers.PersonalInfoFile", blank=True, related_name="info_systems",
                                   verbose_name="保有する個人情報ファイル（ファイル簿）")
    affairs = models.ManyToManyField("registers.HandlingAffair", blank=True, related_name="info_systems",
                                     verbose_name="取り扱う事務（個人情報取扱事務）")
    location = models.CharField("設置場所", max_length=20, choices=Location.choices, default=Location.ONPREMISE)
    network = models.CharField("ネットワーク", max_length=20, choices=Network.choices, default=Network.LGWAN)
    contract = models.ForeignKey("outsourcing.Contract", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="info_systems", verbose_name="保守・運用の委託契約")
    vendor = models.CharField("事業者（ベンダー）", max_length=200, blank=True)
    id_policy = models.CharField("利用者ID", max_length=20, choices=IdPolicy.choices, default=IdPolicy.PERSONAL)
    admin_grantors = models.JSONField("管理者権限を付与できる者", default=list, blank=True,
                                      help_text="複数選択（京都市の調査の選択肢）")
    log_collected = models.BooleanField("ログの取得・保存", default=False)
    log_retention = models.CharField("ログの保存期間", max_length=50, blank=True, help_text="例: 5年")
    log_analysis_frequency = models.CharField("ログの点検・分析の頻度", max_length=20, choices=Frequency.choices,
                                              default=Frequency.NONE)
    log_users_informed = models.BooleanField("ログの取得・分析を利用者に周知", default=False)
    patching_by = models.CharField("修正プログラム適用の責任", max_length=20, choices=PatchingBy.choices,
                                   default=PatchingBy.NONE)
    stocktake_frequency = models.CharField("アカウントの棚卸しの頻度", max_length=20, choices=Frequency.choices,
                                           default=Frequency.YEARLY)
    in_use_since = models.DateField("稼働開始日", null=True, blank=True, validators=[DateRange(EARLIEST_ASSET_DATE)])
    retired_on = models.DateField("廃止日", null=True, blank=True, validators=[DateRange(EARLIEST_ASSET_DATE)])
    notes = models.TextField("備考", blank=True)
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "情報システム"
        verbose_name_plural = "情報システム"
        ordering = ["unit__code", "name", "pk"]
        indexes = [models.Index(fields=["unit", "retired_on"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        grantors = self.admin_grantors
        if not isinstance(grantors, list) or any(code not in AdminGrantor.values for code in grantors):
            errors["admin_grantors"] = "管理者権限を付与できる者に不明な値があります。"
        if self.handles_specific_personal_information and not self.handles_personal_information:
            errors["handles_personal_information"] = "特定個人情報を取り扱うシステムは「個人情報 あり」にしてください。"
        if self.retired_on and self.in_use_since and self.retired_on < self.in_use_since:
            errors["retired_on"] = "廃止日は稼働開始日以降の日付にしてください。"
        if not self.log_collected and self.log_analysis_frequency != Frequency.NONE:
            errors["log_analysis_frequency"] = "ログを取得していないシステムにはログの点検・分析の頻度を設定できません。"
        if errors:
            raise ValidationError(errors)

    @property
    def in_use(self) -> bool:
        return self.retired_on is None

    def admin_grantor_labels(self) -> str:
        labels = dict(AdminGrantor.choices)
        return "、".join(str(labels.get(code, code)) for code in self.admin_grantors or [])


class SystemAccount(LegalRecord):
    """A user ID in a system: the person who holds it (staff or a contractor's person)."""

    system = models.ForeignKey(InfoSystem, on_delete=models.PROTECT, related_name="accounts",
                               verbose_name="情報システム")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="system_accounts",
                               verbose_name="利用者（職員等）")
    account_id = models.CharField("アカウントID", max_length=100)
    admin = models.BooleanField("管理者権限", default=False)
    shared = models.BooleanField("共用ID", default=False, help_text="複数人で使うIDは、その管理責任者を利用者とする")
    granted_on = models.DateField("付与日", null=True, blank=True, validators=[DateRange(EARLIEST_ASSET_DATE)])
    disabled_on = models.DateField("停止日", null=True, blank=True, validators=[DateRange(EARLIEST_ASSET_DATE)])
    note = models.CharField("備考", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "アカウント"
        verbose_name_plural = "アカウント"
        ordering = ["system", "account_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["system", "account_id"], condition=Q(disabled_on__isnull=True),
                                               name="assets_active_account_id_once")]
        indexes = [models.Index(fields=["person", "disabled_on"]), models.Index(fields=["system", "disabled_on"])]

    def __str__(self) -> str:
        return f"{self.system.name}: {self.account_id}"

    def clean(self) -> None:
        if self.granted_on and self.disabled_on and self.disabled_on < self.granted_on:
            raise ValidationError({"disabled_on": "停止日は付与日以降の日付にしてください。"})

    def validate_constraints(self, exclude=None):
        # The message names the ID (Django's default names only the constraint).
        if self.system_id and self.account_id and self.disabled_on is None and SystemAccount.objects.filter(
                system_id=self.system_id, account_id=self.account_id, disabled_on__isnull=True).exclude(
                pk=self.pk).exists():
            raise ValidationError({"account_id": f"アカウントID「{self.account_id}」はこのシステムで使用中です。"})
        super().validate_constraints(exclude)

    @property
    def active(self) -> bool:
        return self.disabled_on is None


class AccessReview(LegalRecord):
    """アカウントの見直し: an account whose holder left the system's 所管課, ended, or went on a long leave."""

    class Reason(models.TextChoices):
        END = "end", "配属終了（退職等）"
        TRANSFER = "transfer", "異動"
        LEAVE = "leave", "休職・休業"

    class Status(models.TextChoices):
        OPEN = "open", "未対応"
        DONE = "done", "対応済み"

    class Outcome(models.TextChoices):
        DISABLED = "disabled", "停止した"
        KEPT = "kept", "継続する"

    status_tones = {"open": "overdue", "done": "current"}

    system = models.ForeignKey(InfoSystem, on_delete=models.PROTECT, related_name="access_reviews",
                               verbose_name="情報システム")
    account = models.ForeignKey(SystemAccount, on_delete=models.PROTECT, related_name="access_reviews",
                                verbose_name="アカウント")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name="利用者")
    # The system's 所管課 when the task was made: it answers the review.
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="対応する所管課")
    reason = models.CharField("理由", max_length=20, choices=Reason.choices)
    event = models.ForeignKey("org.PersonnelEvent", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name="人事異動の記録")
    leave = models.ForeignKey("org.Leave", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name="休職・休業")
    event_date = models.DateField("異動・休職の日")
    due = models.DateField("対応期限")
    status = models.CharField("状態", max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField("結果", max_length=10, choices=Outcome.choices, blank=True)
    disabled_on = models.DateField("停止日", null=True, blank=True, validators=[DateRange(EARLIEST_ASSET_DATE)])
    outcome_reason = models.TextField("理由・備考", blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="対応者")
    resolved_at = models.DateTimeField("対応日時", null=True, blank=True)
    # A kept administrator account stays open until the privacy office confirms it.
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="事務局の確認者")
    confirmed_at = models.DateTimeField("事務局の確認日時", null=True, blank=True)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "アカウントの見直し"
        verbose_name_plural = "アカウントの見直し"
        ordering = ["due", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["account", "event"], condition=Q(event__isnull=False),
                                    name="assets_review_once_per_event"),
            models.UniqueConstraint(fields=["account", "leave"], condition=Q(leave__isnull=False),
                                    name="assets_review_once_per_leave"),
        ]
        indexes = [models.Index(fields=["status", "unit", "due"]), models.Index(fields=["status", "due"])]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.system.name}）: {self.get_reason_display()}"

    @property
    def awaiting_confirmation(self) -> bool:
        return self.status == self.Status.OPEN and self.outcome == self.Outcome.KEPT


class AccountStocktake(LegalRecord):
    """アカウントの棚卸し of one system: the 所管課 confirms or disables each account by the due date.

    The questions of the stocktake (the checklist engine's ``account_stocktake`` form) are on ``sheet``;
    the per-account answers are the lines.
    """

    class Status(models.TextChoices):
        OPEN = "open", "実施中"
        DONE = "done", "完了"

    status_tones = {"open": "future", "done": "current"}

    system = models.ForeignKey(InfoSystem, on_delete=models.PROTECT, related_name="stocktakes",
                               verbose_name="情報システム")
    due = models.DateField("期限")
    status = models.CharField("状態", max_length=10, choices=Status.choices, default=Status.OPEN)
    sheet = models.OneToOneField("checklists.AnswerSheet", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="account_stocktake", verbose_name="棚卸しの確認項目")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="開始者")
    started_at = models.DateTimeField("開始日時", auto_now_add=True)
    completed_on = models.DateField("実施日", null=True, blank=True, validators=[DateRange(EARLIEST_ASSET_DATE)])
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="完了者")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "アカウントの棚卸し"
        verbose_name_plural = "アカウントの棚卸し"
        ordering = ["-due", "pk"]
        constraints = [models.UniqueConstraint(fields=["system"], condition=Q(status="open"),
                                               name="assets_one_open_stocktake_per_system")]

    def __str__(self) -> str:
        return f"{self.system.name} の棚卸し（{self.get_status_display()}）"


class StocktakeLine(models.Model):
    """One account of a stocktake: 確認 (keep) or 停止; ``flag`` says why it should probably be disabled."""

    class Decision(models.TextChoices):
        PENDING = "", "未確認"
        CONFIRM = "confirm", "確認（継続）"
        DISABLE = "disable", "停止"

    stocktake = models.ForeignKey(AccountStocktake, on_delete=models.CASCADE, related_name="lines",
                                  verbose_name="棚卸し")
    account = models.ForeignKey(SystemAccount, on_delete=models.PROTECT, related_name="+", verbose_name="アカウント")
    flag = models.CharField("要停止の理由", max_length=100, blank=True,
                            help_text="休職・休業中、異動・退職で所管課にいない等（棚卸しの開始時点）")
    decision = models.CharField("確認結果", max_length=10, choices=Decision.choices, blank=True)
    note = models.CharField("備考", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "棚卸しの明細"
        verbose_name_plural = "棚卸しの明細"
        ordering = ["stocktake", "account__account_id"]
        constraints = [models.UniqueConstraint(fields=["stocktake", "account"], name="assets_stocktake_line_once")]

    def __str__(self) -> str:
        return f"{self.account}: {self.get_decision_display()}"


class LogAnalysis(LegalRecord):
    """ログの点検・分析 done for a system: when, by whom, what was looked at, what was found."""

    system = models.ForeignKey(InfoSystem, on_delete=models.PROTECT, related_name="log_analyses",
                               verbose_name="情報システム")
    analysed_on = models.DateField("実施日", validators=[DateRange(EARLIEST_ASSET_DATE, not_future=True)])
    analysed_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name="実施者")
    scope = models.TextField("点検・分析の対象", help_text="例: 業務時間外のログイン、大量の照会・出力")
    findings = models.TextField("結果・所見", blank=True)
    irregular = models.BooleanField("不審な操作あり", default=False)
    # Incidents sit in a higher layer: the link is the 事案番号, shown as a link by the page.
    incident_number = models.CharField("関連する事案の番号", max_length=50, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="登録者")
    recorded_at = models.DateTimeField("登録日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ログの点検・分析"
        verbose_name_plural = "ログの点検・分析"
        ordering = ["-analysed_on", "-pk"]
        indexes = [models.Index(fields=["system", "analysed_on"])]

    def __str__(self) -> str:
        return f"{self.system.name}: {self.analysed_on}"

    def clean(self) -> None:
        if self.irregular and not self.findings.strip():
            raise ValidationError({"findings": "不審な操作があったときは結果・所見を入力してください。"})


from hogokan.assets.models_media import (  # noqa: E402, F401  (外部記録媒体・現物確認・持出し: models_media.py)
    MediumCheck,
    MediumStocktake,
    RemovableMedium,
    TakeOut,
)
from hogokan.assets.models_review import SystemReview  # noqa: E402, F401  (情報セキュリティ対策の点検: models_review.py)
