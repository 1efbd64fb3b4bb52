"""外部記録媒体 [RemovableMedium] with its use permits, the monthly 現物確認 [MediumStocktake, MediumCheck],
disposal or return with the erasure proof (点検表 item 14), and 持出し [TakeOut]: request → the section
head's approval → the return check."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from hogokan.core.calendar import wareki
from hogokan.core.models import LegalRecord
from hogokan.core.validators import DateRange
from hogokan.org.models import OrgUnit, Person

# The first plausible day of a medium or take-out record: older dates are typing errors.
EARLIEST_MEDIA_DATE = date(2000, 4, 1)


class RemovableMedium(LegalRecord):
    """One USB memory (or other medium) the section permits (点検表 ⑥: 所属で許可した媒体のみを利用)."""

    class Kind(models.TextChoices):
        USB = "usb", "USBメモリ"
        DISK = "disk", "外付けハードディスク・SSD"
        CARD = "card", "SDカード等のメモリーカード"
        OPTICAL = "optical", "CD・DVD等の光ディスク"
        OTHER = "other", "その他"

    class Encryption(models.TextChoices):
        HARDWARE = "hardware", "暗号化機能付き（ハードウェア）"
        SOFTWARE = "software", "ソフトウェアで暗号化"
        NONE = "none", "暗号化なし"

    class Status(models.TextChoices):
        IN_USE = "in_use", "使用中"
        MISSING = "missing", "所在不明"
        DISPOSED = "disposed", "廃棄済み"
        RETURNED = "returned", "返却済み（賃借・リース）"

    class Disposal(models.TextChoices):
        DISPOSE = "dispose", "廃棄"
        RETURN = "return", "返却（賃借・リース）"

    class ErasureMethod(models.TextChoices):
        DESTRUCTION = "destruction", "物理的破壊（破砕・穿孔）"
        OVERWRITE = "overwrite", "消去ソフトウェアによる上書き消去"
        DEGAUSS = "degauss", "磁気消去"
        CRYPTO = "crypto", "暗号化消去（暗号鍵の消去）"

    class ErasedBy(models.TextChoices):
        STAFF = "staff", "職員自身"
        CONTRACTOR = "contractor", "委託（受託者が消去）"

    status_tones = {"missing": "overdue", "disposed": "ended", "returned": "ended"}

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="removable_media",
                             verbose_name="管理する所属")
    number = models.CharField("管理番号", max_length=50, help_text="所属で付けた番号。例: USB-01")
    kind = models.CharField("媒体の種類", max_length=20, choices=Kind.choices)
    description = models.CharField("品名・型番", max_length=200, blank=True)
    encryption = models.CharField("暗号化", max_length=20, choices=Encryption.choices)
    storage_place = models.CharField("保管場所", max_length=200, blank=True, help_text="例: 課長席後ろの施錠できる保管庫")
    permitted_users = models.ManyToManyField(Person, blank=True, related_name="permitted_media",
                                             verbose_name="使用を許可された職員")
    permitted_from = models.DateField("使用許可日", validators=[DateRange(EARLIEST_MEDIA_DATE)])
    permitted_to = models.DateField("使用許可の期限", null=True, blank=True, validators=[DateRange(EARLIEST_MEDIA_DATE)])
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.IN_USE)
    # 廃棄・返却 (点検表 14): how the data was made unrecoverable and the proof of it.
    disposal = models.CharField("廃棄・返却の別", max_length=20, choices=Disposal.choices, blank=True)
    disposed_on = models.DateField("廃棄・返却日", null=True, blank=True,
                                   validators=[DateRange(EARLIEST_MEDIA_DATE, not_future=True)])
    erasure_method = models.CharField("消去の方法", max_length=20, choices=ErasureMethod.choices, blank=True)
    erased_by = models.CharField("消去した者", max_length=20, choices=ErasedBy.choices, blank=True)
    certificate = models.CharField("消去証明書等", max_length=200, blank=True,
                                   help_text="受託者の消去証明書の番号・日付など（委託したときは必須）")
    disposal_note = models.TextField("廃棄・返却の備考", blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name="登録者")
    history = HistoricalRecords()  # permitted_users changes are named in the change reason (core.history.link_change)

    class Meta:
        verbose_name = "外部記録媒体"
        verbose_name_plural = "外部記録媒体"
        ordering = ["unit__code", "number"]
        constraints = [models.UniqueConstraint(fields=["unit", "number"], name="assets_medium_number_per_unit",
                                               violation_error_message="この管理番号は所属で既に使われています。")]
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return f"{self.number}（{self.get_kind_display()}）"

    def clean(self) -> None:
        errors = {}
        if self.permitted_from and self.permitted_to and self.permitted_to < self.permitted_from:
            errors["permitted_to"] = "使用許可の期限は使用許可日以降の日付にしてください。"
        if self.status in (self.Status.DISPOSED, self.Status.RETURNED):
            errors.update(disposal_errors(self))
        if errors:
            raise ValidationError(errors)

    def validate_unique(self, exclude=None):
        if self.unit_id and self.number and RemovableMedium.objects.filter(
                unit_id=self.unit_id, number=self.number).exclude(pk=self.pk).exists():
            raise ValidationError({"number": f"管理番号「{self.number}」は{self.unit.name}で既に使われています。"})
        super().validate_unique(exclude)

    def is_permitted_on(self, day: date) -> bool:
        return (self.status == self.Status.IN_USE and self.permitted_from <= day
                and (self.permitted_to is None or day <= self.permitted_to))


def disposal_errors(medium: RemovableMedium) -> dict[str, str]:
    """点検表 14: erased by a method that leaves nothing to restore; when a contractor erased it, its
    certificate was checked."""
    errors = {}
    if not medium.disposed_on:
        errors["disposed_on"] = "廃棄・返却日を入力してください。"
    elif medium.permitted_from and medium.disposed_on < medium.permitted_from:
        errors["disposed_on"] = "廃棄・返却日は使用許可日以降の日付にしてください。"
    if not medium.erasure_method:
        errors["erasure_method"] = "記録された情報を復元できない方法（消去の方法）を選んでください。"
    if not medium.erased_by:
        errors["erased_by"] = "消去した者を選んでください。"
    elif medium.erased_by == RemovableMedium.ErasedBy.CONTRACTOR and not medium.certificate.strip():
        errors["certificate"] = "消去を委託したときは、受託者の消去証明書等を確認し、その番号・日付などを入力してください。"
    return errors


class MediumStocktake(LegalRecord):
    """The monthly 現物確認 of one section's media (点検表 ⑦: 利用状況や保管状況を定期的にチェック)."""

    class Status(models.TextChoices):
        OPEN = "open", "未実施"
        DONE = "done", "実施済み"

    status_tones = {"open": "future", "done": "ended"}

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="media_stocktakes", verbose_name="所属")
    year = models.PositiveIntegerField("年")
    month = models.PositiveIntegerField("月")
    due = models.DateField("期限")
    status = models.CharField("状態", max_length=10, choices=Status.choices, default=Status.OPEN)
    checked_on = models.DateField("確認日", null=True, blank=True,
                                  validators=[DateRange(EARLIEST_MEDIA_DATE, not_future=True)])
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="確認者")
    note = models.TextField("備考", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "外部記録媒体の現物確認"
        verbose_name_plural = "外部記録媒体の現物確認"
        ordering = ["-year", "-month", "unit__code"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "month"], name="assets_stocktake_once_a_month")]
        indexes = [models.Index(fields=["status", "due"])]

    def __str__(self) -> str:
        return f"{self.unit.name} {self.year}年{self.month}月の現物確認"

    def clean(self) -> None:
        if not 1 <= (self.month or 0) <= 12:
            raise ValidationError({"month": "月は1から12までで指定してください。"})

    @property
    def label(self) -> str:
        return wareki(date(self.year, self.month, 1)).removesuffix("1日")  # 令和8年12月


class MediumCheck(models.Model):
    """One medium's line of a stocktake: found where it is kept, or missing."""

    class Result(models.TextChoices):
        PRESENT = "present", "所在を確認"
        MISSING = "missing", "所在不明"

    stocktake = models.ForeignKey(MediumStocktake, on_delete=models.PROTECT, related_name="checks",
                                  verbose_name="現物確認")
    medium = models.ForeignKey(RemovableMedium, on_delete=models.PROTECT, related_name="checks",
                               verbose_name="外部記録媒体")
    result = models.CharField("結果", max_length=10, choices=Result.choices)
    note = models.CharField("備考", max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "現物確認の結果"
        verbose_name_plural = "現物確認の結果"
        ordering = ["stocktake", "medium__number"]
        constraints = [models.UniqueConstraint(fields=["stocktake", "medium"], name="assets_check_once")]

    def __str__(self) -> str:
        return f"{self.medium.number}: {self.get_result_display()}"


class TakeOut(LegalRecord):
    """持出し: what leaves the office, approved by the section head before, checked back on return."""

    class MediumKind(models.TextChoices):
        PAPER = "paper", "紙"
        MEDIUM = "medium", "電子情報（記録媒体）"
        DEVICE = "device", "電子情報（パソコン・タブレット等）"

    class Purpose(models.TextChoices):  # 京都市 全庁調査 (c) 個人情報を持ち出す目的
        PROVIDE = "provide", "文書や電子情報等の提供や受渡し"
        MEETING = "meeting", "交渉、協議、相談、催促、会議等に使用"
        OTHER = "other", "その他（保管場所の変更など）"

    class Protection(models.TextChoices):
        ENCRYPTED = "encrypted", "暗号化"
        PASSWORD = "password", "ファイルのパスワード設定"
        NONE = "none", "なし"

    class Status(models.TextChoices):
        REQUESTED = "requested", "申請中"
        APPROVED = "approved", "承認済み（持出し中）"
        RETURNED = "returned", "返却確認済み"
        REJECTED = "rejected", "不承認"
        WITHDRAWN = "withdrawn", "取下げ"

    status_tones = {"requested": "future", "approved": "current", "returned": "ended"}

    number = models.CharField("持出し番号", max_length=20, unique=True)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="take_outs", verbose_name="所属")
    contract = models.ForeignKey("outsourcing.Contract", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="take_outs", verbose_name="委託（受託者の持出し）")
    carrier = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="take_outs", verbose_name="持ち出す人")
    items = models.TextField("持ち出すもの", help_text="例: 訪問先一覧（3枚）、調査票の写し")
    personal_information = models.TextField("含まれる個人情報", help_text="例: 氏名、住所、電話番号（12人分）")
    medium_kind = models.CharField("媒体", max_length=20, choices=MediumKind.choices)
    medium = models.ForeignKey(RemovableMedium, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="take_outs", verbose_name="使う外部記録媒体")
    destination = models.CharField("持出し先", max_length=200)
    purpose = models.CharField("目的", max_length=20, choices=Purpose.choices)
    purpose_detail = models.CharField("目的の内容", max_length=300, blank=True)
    protection = models.CharField("暗号化等", max_length=20, choices=Protection.choices, default=Protection.NONE)
    taken_out_on = models.DateField("持出し日", validators=[DateRange(EARLIEST_MEDIA_DATE)])
    planned_return = models.DateField("返却予定日", validators=[DateRange(EARLIEST_MEDIA_DATE)])
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="申請者")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="承認者")
    decided_on = models.DateField("承認・不承認の日", null=True, blank=True)
    decision_comment = models.TextField("承認者の意見", blank=True)
    returned_on = models.DateField("返却日", null=True, blank=True,
                                   validators=[DateRange(EARLIEST_MEDIA_DATE, not_future=True)])
    return_checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="+", verbose_name="返却を確認した者")
    return_note = models.TextField("返却時の確認内容", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "持出し"
        verbose_name_plural = "持出し"
        ordering = ["-taken_out_on", "-number"]
        indexes = [models.Index(fields=["unit", "taken_out_on"]), models.Index(fields=["status", "planned_return"])]

    def __str__(self) -> str:
        return f"{self.number} {self.destination}"

    @property
    def is_electronic(self) -> bool:
        return self.medium_kind in (self.MediumKind.MEDIUM, self.MediumKind.DEVICE)

    def is_overdue(self, today: date) -> bool:
        return self.status == self.Status.APPROVED and self.planned_return < today

    def clean(self) -> None:
        errors = {}
        if self.taken_out_on and self.planned_return and self.planned_return < self.taken_out_on:
            errors["planned_return"] = "返却予定日は持出し日以降の日付にしてください。"
        if self.returned_on and self.taken_out_on and self.returned_on < self.taken_out_on:
            errors["returned_on"] = (f"返却日（{wareki(self.returned_on)}）が持出し日（{wareki(self.taken_out_on)}）"
                                     "より前です。返却日を確かめてください。")
        if self.medium_kind == self.MediumKind.MEDIUM and not self.medium_id:
            errors["medium"] = "記録媒体で持ち出すときは、所属で許可した外部記録媒体を選んでください（点検表⑥）。"
        if self.medium_kind != self.MediumKind.MEDIUM and self.medium_id:
            errors["medium"] = "外部記録媒体は、媒体が「電子情報（記録媒体）」のときだけ選べます。"
        if self.medium_id and self.unit_id and self.medium.unit_id != self.unit_id:
            errors["medium"] = "この所属で許可した外部記録媒体を選んでください。"
        elif self.medium_id and self.taken_out_on and not self.medium.is_permitted_on(self.taken_out_on):
            errors["medium"] = f"外部記録媒体 {self.medium.number} は持出し日に使用が許可されていません。"
        if self.is_electronic and self.protection == self.Protection.NONE:
            errors["protection"] = "電子情報を持ち出すときは、暗号化又はファイルのパスワード設定をしてください（点検表17）。"
        if self.medium_kind == self.MediumKind.PAPER and self.protection != self.Protection.NONE:
            errors["protection"] = "紙で持ち出すときは「なし」を選んでください（施錠したかばん等に入れてください）。"
        if self.purpose == self.Purpose.OTHER and not self.purpose_detail.strip():
            errors["purpose_detail"] = "目的が「その他」のときは、目的の内容を入力してください。"
        if errors:
            raise ValidationError(errors)
