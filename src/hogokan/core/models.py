"""Records every module shares: attachments, notifications, scheduled reminders, worker runs, number series."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from hogokan.core.calendar import wareki


class DeletionForbidden(Exception):
    """Raised when code tries to hard-delete a record with legal weight."""


class LegalRecord(models.Model):
    """A record with legal weight: it is ended, abolished or withdrawn, never hard-deleted."""

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise DeletionForbidden(f"{self._meta.verbose_name}は法的な記録のため削除できません。")


class Attachment(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    file = models.FileField("ファイル", upload_to="attachments/%Y/%m/")
    original_name = models.CharField("ファイル名", max_length=255)
    size = models.PositiveBigIntegerField("サイズ（バイト）")
    sha256 = models.CharField("SHA-256", max_length=64)
    mime_type = models.CharField("種類", max_length=100, blank=True)
    description = models.CharField("説明", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="登録者")
    uploaded_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        verbose_name = "添付ファイル"
        verbose_name_plural = "添付ファイル"
        indexes = [models.Index(fields=["content_type", "object_id"])]
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class Reminder(models.Model):
    """"Remind these people before date D, escalate to X after" — materialised by the worker."""

    key = models.CharField("識別キー", max_length=200, unique=True)
    subject = models.CharField("件名", max_length=200)
    body = models.TextField("本文", blank=True)
    url = models.CharField("リンク", max_length=500, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    due_date = models.DateField("期限")
    recipients = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name="通知先")
    escalate_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name="超過時の通知先"
    )
    remind_days_before = models.JSONField("事前通知（期限の何日前）", default=list)
    escalate_after_days = models.PositiveIntegerField("期限超過から何日後に上位者へ", default=1)
    sent_steps = models.JSONField("通知済みの段階", default=list)
    escalated_at = models.DateTimeField("上位者へ通知した日時", null=True, blank=True)
    resolved_at = models.DateTimeField("完了日時", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "リマインダー"
        verbose_name_plural = "リマインダー"
        indexes = [models.Index(fields=["resolved_at", "due_date"])]

    def __str__(self) -> str:
        return f"{self.subject}（{wareki(self.due_date)}）"


class Notification(models.Model):
    class Kind(models.TextChoices):
        INFO = "info", "お知らせ"
        REMINDER = "reminder", "期限の通知"
        ESCALATION = "escalation", "期限超過の通知"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name="宛先"
    )
    kind = models.CharField("種別", max_length=20, choices=Kind.choices, default=Kind.INFO)
    subject = models.CharField("件名", max_length=200)
    body = models.TextField("本文", blank=True)
    url = models.CharField("リンク", max_length=500, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    related = GenericForeignKey("content_type", "object_id")
    due_date = models.DateField("期限", null=True, blank=True)
    reminder = models.ForeignKey(Reminder, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    sent_at = models.DateTimeField("メール送信日時", null=True, blank=True)
    read_at = models.DateTimeField("既読日時", null=True, blank=True)

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"]), models.Index(fields=["sent_at"])]

    def __str__(self) -> str:
        return self.subject


class JobRun(models.Model):
    """One run of a worker job, so the admin can see that the worker is alive."""

    name = models.CharField("ジョブ", max_length=100)
    started_at = models.DateTimeField("開始")
    finished_at = models.DateTimeField("終了", null=True, blank=True)
    ok = models.BooleanField("成功", default=False)
    message = models.TextField("結果", blank=True)

    class Meta:
        verbose_name = "ジョブ実行記録"
        verbose_name_plural = "ジョブ実行記録"
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["name", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.name} {self.started_at:%Y-%m-%d %H:%M}"


class NumberSeries(models.Model):
    """The last number given in one series (事案番号, 受付番号, …) of one fiscal year; see core.numbering."""

    series = models.CharField("番号の系列", max_length=50)
    fiscal_year = models.PositiveIntegerField("年度")
    last_value = models.PositiveIntegerField("最後に付けた番号", default=0)

    class Meta:
        verbose_name = "採番"
        verbose_name_plural = "採番"
        constraints = [models.UniqueConstraint(fields=["series", "fiscal_year"], name="number_series_once_a_year")]

    def __str__(self) -> str:
        return f"{self.series} {self.fiscal_year}年度: {self.last_value}"
