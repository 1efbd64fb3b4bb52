"""情報システム等の情報セキュリティ対策に関する点検 (名古屋市, seeds/000_…): a review [SystemReview] per
development or change of a system of the register, the reviewer's checklist (the checklist engine's
``security_review`` form) and the result notice date, or 対応中 until then."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from hogokan.core.calendar import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR
from hogokan.core.models import LegalRecord
from hogokan.core.validators import DateRange

EARLIEST_REVIEW_DATE = date(2000, 4, 1)


class Matter(models.TextChoices):
    """該当事項 (FORMS.md §4): one review may cover several (「ネットワークの構築・変更、情報システムの開発」)."""

    NETWORK = "network", "ネットワークの構築・変更"
    DEVELOPMENT = "development", "情報システムの開発"
    CHANGE = "change", "情報システムの変更"


class ReviewBody(models.TextChoices):
    """Who reviews (the seed's three sections): the date column is 結果通知日 for the first, 点検完了日 for the others."""

    DEPUTY = "deputy", "電子情報保護副統括管理者による点検"
    UNIVERSITY = "university", "市立大学における点検"
    EDUCATION = "education", "教育委員会事務局における点検"


class SystemReview(LegalRecord):
    class Status(models.TextChoices):
        REQUESTED = "requested", "依頼中"
        IN_REVIEW = "in_review", "対応中"
        NOTIFIED = "notified", "結果通知済み"
        WITHDRAWN = "withdrawn", "取下げ"

    class Result(models.TextChoices):
        SUITABLE = "suitable", "適切"
        IMPROVE = "improve", "改善を要する事項あり"

    status_tones = {"requested": "future", "in_review": "current", "notified": "ended"}
    history_value_labels = {"matters": dict(Matter.choices)}

    system = models.ForeignKey("assets.InfoSystem", on_delete=models.PROTECT, related_name="security_reviews",
                               verbose_name="情報システム・ネットワーク")
    matters = models.JSONField("該当事項", default=list, blank=True)  # clean() says what is missing
    body = models.CharField("点検の実施者", max_length=20, choices=ReviewBody.choices, default=ReviewBody.DEPUTY)
    fiscal_year = models.PositiveIntegerField("年度", help_text="西暦（2024 = 令和6年度）")
    description = models.TextField("開発・変更の概要", help_text="例: ガバメントクラウドへの移行、機能の追加")
    planned_on = models.DateField("稼働予定日", null=True, blank=True, validators=[DateRange(EARLIEST_REVIEW_DATE)])
    requested_on = models.DateField("依頼日", validators=[DateRange(EARLIEST_REVIEW_DATE, not_future=True)])
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="依頼者")
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.REQUESTED)
    sheet = models.OneToOneField("checklists.AnswerSheet", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="system_review", verbose_name="点検項目（点検者の記入）")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name="点検者")
    result = models.CharField("点検の結果", max_length=20, choices=Result.choices, blank=True)
    result_note = models.TextField("結果の内容・改善を要する事項", blank=True)
    notified_on = models.DateField("結果通知日（点検完了日）", null=True, blank=True,
                                   validators=[DateRange(EARLIEST_REVIEW_DATE, not_future=True)])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "情報セキュリティ対策の点検（システムの開発・変更）"
        verbose_name_plural = "情報セキュリティ対策の点検（システムの開発・変更）"
        ordering = ["-fiscal_year", "-requested_on", "-pk"]
        indexes = [models.Index(fields=["fiscal_year", "body"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.system.name}（{self.matters_label}）"

    @property
    def matters_label(self) -> str:
        labels = dict(Matter.choices)
        return "、".join(str(labels.get(code, code)) for code in self.matters or [])

    @property
    def result_date_label(self) -> str:
        """What the table prints in the date column: the notice date, or 対応中."""
        day = self.notified_on
        return f"{day.year}/{day.month}/{day.day}" if day else "対応中"

    def clean(self) -> None:
        errors = {}
        matters = self.matters
        if not isinstance(matters, list) or not matters:
            errors["matters"] = "該当事項（開発・変更・ネットワークの構築・変更）を1つ以上選んでください。"
        elif any(code not in Matter.values for code in matters) or len(set(matters)) != len(matters):
            errors["matters"] = "該当事項に不明な値か重複があります。"
        if not FIRST_FISCAL_YEAR <= (self.fiscal_year or 0) <= LAST_FISCAL_YEAR:
            errors["fiscal_year"] = f"年度は{FIRST_FISCAL_YEAR}年度から{LAST_FISCAL_YEAR}年度までで指定してください。"
        if self.notified_on and self.requested_on and self.notified_on < self.requested_on:
            errors["notified_on"] = "結果通知日は依頼日以降の日付にしてください。"
        if self.status == self.Status.NOTIFIED:
            if not self.notified_on:
                errors["notified_on"] = "結果通知日（点検完了日）を入力してください。"
            if not self.result:
                errors["result"] = "点検の結果を選んでください。"
            elif self.result == self.Result.IMPROVE and not self.result_note.strip():
                errors["result_note"] = "改善を要する事項を入力してください。"
        if errors:
            raise ValidationError(errors)
