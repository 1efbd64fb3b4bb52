"""個人情報ファイル検査: path rules that map share folders to sections [PathRule], the runs the scanner agent
posts [ScanRun] with one row per file [ScannedFile] (counts and masked samples, never values), and the
log of pre-send checks [PreSendCheck] (the file itself is not kept)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from hogokan.org.models import OrgUnit
from hogokan.scanner.extract import STATUSES


class FileStatus(models.TextChoices):
    OK = "ok", "検査済"
    ENCRYPTED = "encrypted", "暗号化（保護あり）"
    UNREADABLE = "unreadable", "読み取れない"
    UNSUPPORTED = "unsupported", "対象外の形式"
    TOO_LARGE = "too_large", "大きすぎる"


assert tuple(FileStatus.values) == STATUSES  # the engine's statuses, one name each


class PathRule(models.Model):
    """A share folder → its section: every scanned file whose location starts with ``prefix`` is the unit's
    (the longest prefix wins). ``my_number_allowed``: a place the unit's 特定個人情報ファイル may be kept."""

    prefix = models.CharField("フォルダ（前方一致）", max_length=500, unique=True,
                              help_text="例: /srv/share/保険医療課/ （検査した場所の絶対パスの先頭）")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="scan_path_rules", verbose_name="所属")
    my_number_allowed = models.BooleanField("特定個人情報の保管を認める場所", default=False)
    note = models.CharField("備考", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["prefix"]
        verbose_name = verbose_name_plural = "検査の対応フォルダ"

    def __str__(self) -> str:
        return self.prefix


class ScanRun(models.Model):
    """One run of ``hogokan scan --post`` on a file server."""

    host = models.CharField("サーバー", max_length=200)
    roots = models.JSONField("検査した場所", default=list)
    received_at = models.DateTimeField("受信日時", auto_now_add=True)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="送信者")
    files = models.PositiveIntegerField("ファイル数", default=0)
    bytes = models.PositiveBigIntegerField("総容量（バイト）", default=0)
    seconds = models.FloatField("所要時間（秒）", default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = verbose_name_plural = "検査の実行"

    def __str__(self) -> str:
        return f"{self.host} {self.received_at:%Y-%m-%d %H:%M}"


class ScannedFile(models.Model):
    """A file of a run; ``findings`` maps each category to its count. Written in bulk with its run."""

    run = models.ForeignKey(ScanRun, on_delete=models.CASCADE, related_name="scanned_files")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="所属")
    location = models.CharField("場所", max_length=2000)
    size = models.PositiveBigIntegerField("サイズ（バイト）")
    status = models.CharField("状態", max_length=20, choices=FileStatus.choices)
    reason = models.CharField("理由", max_length=300, blank=True)
    findings = models.JSONField("件数", default=dict)
    samples = models.JSONField("例（伏せ字）", default=dict)
    total = models.PositiveIntegerField("個人情報の件数", default=0)
    my_number = models.PositiveIntegerField("個人番号の件数", default=0)
    my_number_allowed = models.BooleanField("特定個人情報の保管場所", default=False)

    class Meta:
        ordering = ["location"]
        indexes = [models.Index(fields=["run", "unit"]), models.Index(fields=["unit", "run"])]

    def __str__(self) -> str:
        return self.location

    @property
    def encrypted(self) -> bool:
        return self.status == FileStatus.ENCRYPTED


class PreSendCheck(models.Model):
    """送信前の確認: who checked which file (name, size, counts) and when. The file is not kept."""

    checked_at = models.DateTimeField("確認日時", auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name="確認した人")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="所属")
    file_name = models.CharField("ファイル名", max_length=255)
    size = models.PositiveBigIntegerField("サイズ（バイト）")
    status = models.CharField("状態", max_length=20, choices=FileStatus.choices)
    findings = models.JSONField("件数", default=dict)
    total = models.PositiveIntegerField("個人情報の件数", default=0)

    class Meta:
        ordering = ["-checked_at", "-pk"]
        verbose_name = verbose_name_plural = "送信前の確認"

    def __str__(self) -> str:
        return self.file_name
