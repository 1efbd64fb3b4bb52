"""開示請求等: data-subject requests (開示・訂正・利用停止), their 補正, hearings, decisions and 審査請求."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from hogokan.core.calendar import wareki
from hogokan.core.models import LegalRecord
from hogokan.disclosures import rules
from hogokan.org.models import Organ, OrgUnit

GROUNDS = ("1", "2", "3", "4", "5", "6", "7")  # 法78① 各号


class DataSubjectRequest(LegalRecord):
    class Kind(models.TextChoices):
        DISCLOSURE = rules.DISCLOSURE, "開示請求"
        CORRECTION = rules.CORRECTION, "訂正請求"
        SUSPENSION = rules.SUSPENSION, "利用停止請求"

    class Channel(models.TextChoices):
        COUNTER = "counter", "窓口"
        MAIL = "mail", "郵送"
        ONLINE = "online", "オンライン"

    class Representative(models.TextChoices):
        NONE = "", "本人"
        LEGAL = "legal", "法定代理人"
        VOLUNTARY = "voluntary", "任意代理人"

    number = models.CharField("受付番号", max_length=20, unique=True)
    kind = models.CharField("請求の種類", max_length=20, choices=Kind.choices)
    organ = models.ForeignKey(Organ, on_delete=models.PROTECT, related_name="+", verbose_name="実施機関")
    received_on = models.DateField("受付日")
    channel = models.CharField("受付方法", max_length=20, choices=Channel.choices, default=Channel.COUNTER)
    # Requester data: kept to what the procedure needs; shown only to the office and the handling units.
    requester_name = models.CharField("請求者の氏名", max_length=100)
    requester_address = models.CharField("請求者の住所", max_length=200, blank=True)
    requester_contact = models.CharField("請求者の連絡先", max_length=100, blank=True)
    representative_kind = models.CharField("代理人", max_length=20, choices=Representative.choices, blank=True)
    representative_name = models.CharField("代理人の氏名", max_length=100, blank=True)
    identity_document = models.CharField("本人確認書類", max_length=100, blank=True,
                                         help_text="例: 運転免許証、マイナンバーカード（公的個人認証）")
    identity_checked_on = models.DateField("本人確認日", null=True, blank=True)
    representation_document = models.CharField("代理権の確認書類", max_length=100, blank=True)
    target_description = models.TextField("請求に係る保有個人情報")
    # The 個人情報ファイル簿 when it is registered; the name stays (a 取扱事務 or a file not yet in the register).
    file_or_affair_name = models.CharField("個人情報ファイル・取扱事務の名称", max_length=200, blank=True)
    personal_info_file = models.ForeignKey("registers.PersonalInfoFile", null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+",
                                           verbose_name="個人情報ファイル簿")
    extension_days = models.PositiveSmallIntegerField("延長日数", null=True, blank=True)
    extension_reason = models.TextField("延長の理由", blank=True)
    extension_notified_on = models.DateField("延長の通知日", null=True, blank=True)
    special_reason = models.TextField("特例（法84）の理由", blank=True)
    special_notified_on = models.DateField("特例の通知日", null=True, blank=True)
    special_remaining_by = models.DateField("残りの部分の決定期限（相当の期間）", null=True, blank=True)
    withdrawn_on = models.DateField("取下げ日", null=True, blank=True)
    withdrawal_note = models.CharField("取下げの理由等", max_length=200, blank=True)
    due_date = models.DateField("決定期限", null=True, blank=True)
    extended_due_date = models.DateField("延長後の決定期限", null=True, blank=True)
    recommended_by = models.DateField("推奨決定日", null=True, blank=True)
    # Kept by the services (not every handling unit has decided and not withdrawn): lists filter on it.
    is_open = models.BooleanField("処理中", default=True)
    note = models.TextField("備考", blank=True)
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "開示請求等"
        verbose_name_plural = "開示請求等"
        ordering = ["-received_on", "-number"]
        indexes = [models.Index(fields=["received_on"]), models.Index(fields=["organ", "received_on"]),
                   models.Index(fields=["is_open", "due_date"])]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"

    @property
    def requester_key(self) -> str:
        """Who the person is for 実人数 (distinct persons): the name without spaces and width variants."""
        return "".join(unicodedata.normalize("NFKC", self.requester_name).split())

    @property
    def effective_due(self):
        return self.extended_due_date or self.due_date

    def clean(self) -> None:
        if self.representative_kind and not self.representative_name.strip():
            raise ValidationError({"representative_name": "代理人による請求のときは代理人の氏名を入力してください。"})
        if self.withdrawn_on and self.received_on and self.withdrawn_on < self.received_on:
            raise ValidationError({"withdrawn_on": "取下げ日が受付日より前です。"})
        if self.extension_notified_on and self.received_on and self.extension_notified_on < self.received_on:
            raise ValidationError({"extension_notified_on": "延長の通知日が受付日より前です。"})
        if self.special_notified_on and self.received_on and self.special_notified_on < self.received_on:
            raise ValidationError({"special_notified_on": "特例の通知日が受付日より前です。"})
        if self.identity_checked_on and self.received_on and self.identity_checked_on < self.received_on:
            raise ValidationError({"identity_checked_on": "本人確認日が受付日より前です。受付の日以降の日付を入力してください。"})


class RequestUnit(models.Model):
    """A unit that must decide on (part of) the request: one request may need several."""

    request = models.ForeignKey(DataSubjectRequest, on_delete=models.CASCADE, related_name="units",
                                verbose_name="請求")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="担当課")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "担当課"
        verbose_name_plural = "担当課"
        constraints = [models.UniqueConstraint(fields=["request", "unit"], name="request_unit_once")]

    def __str__(self) -> str:
        return self.unit.name


class Correction(models.Model):
    """補正 (法77③): the days from the request to the answer, both included, are not counted."""

    request = models.ForeignKey(DataSubjectRequest, on_delete=models.CASCADE, related_name="corrections",
                                verbose_name="請求")
    requested_on = models.DateField("補正を求めた日")
    received_on = models.DateField("補正を受けた日", null=True, blank=True)
    content = models.CharField("補正の内容", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "補正"
        verbose_name_plural = "補正"
        ordering = ["requested_on", "pk"]

    def __str__(self) -> str:
        return f"補正（{wareki(self.requested_on)}〜{wareki(self.received_on) if self.received_on else ''}）"

    @property
    def excluded_days(self) -> int | None:
        return (self.received_on - self.requested_on).days + 1 if self.received_on else None

    def clean(self) -> None:
        if self.received_on and self.requested_on and self.received_on < self.requested_on:
            raise ValidationError({"received_on": "補正を受けた日が補正を求めた日より前です。"})


class Hearing(models.Model):
    """第三者に対する意見書提出の機会の付与 (法86)."""

    class Reason(models.TextChoices):
        OPTIONAL = "", "任意（法86①）"
        GROUND_2_RO = "2ro", "78条1項2号ロ（法86②一）"
        GROUND_3_PROVISO = "3proviso", "78条1項3号ただし書（法86②一）"
        DISCRETIONARY = "discretionary", "80条 裁量的開示（法86②二）"

    request = models.ForeignKey(DataSubjectRequest, on_delete=models.CASCADE, related_name="hearings",
                                verbose_name="請求")
    third_party = models.CharField("第三者", max_length=200)
    reason = models.CharField("意見聴取の根拠", max_length=20, choices=Reason.choices, blank=True)
    sent_on = models.DateField("意見照会日")
    answer_due = models.DateField("意見書の提出期限", null=True, blank=True)
    answered_on = models.DateField("意見書の受領日", null=True, blank=True)
    objection = models.BooleanField("反対の意思表示あり", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "第三者意見聴取"
        verbose_name_plural = "第三者意見聴取"
        ordering = ["sent_on", "pk"]

    def __str__(self) -> str:
        return f"意見照会 {self.third_party}"

    @property
    def mandatory(self) -> bool:
        return bool(self.reason)


class Decision(LegalRecord):
    # The change history shows the 法78① grounds as 「N号」 (core.history).
    history_value_labels = {"grounds": {number: f"{number}号" for number in GROUNDS}}

    class Type(models.TextChoices):
        FULL = "full", "全部開示"
        PARTIAL = "partial", "部分開示"
        NON_DISCLOSURE = "non_disclosure", "不開示"
        NEITHER = "neither", "不開示（存否応答拒否）"
        ABSENT = "absent", "不開示（不存在）"
        WITHDRAWN = "withdrawn", "取下げ"
        DISMISSED = "dismissed", "却下"
        TRANSFERRED = "transferred", "移送"
        CORRECT = "correct", "訂正決定"
        NOT_CORRECT = "not_correct", "訂正しない旨の決定"
        SUSPEND = "suspend", "利用停止決定"
        NOT_SUSPEND = "not_suspend", "利用停止しない旨の決定"

    class Method(models.TextChoices):
        NONE = "", "—"
        VIEWING = "viewing", "閲覧"
        COPY = "copy", "写しの交付"
        ELECTRONIC = "electronic", "電磁的記録"

    request = models.ForeignKey(DataSubjectRequest, on_delete=models.PROTECT, related_name="decisions",
                                verbose_name="請求")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="担当課")
    type = models.CharField("決定の種類", max_length=20, choices=Type.choices)
    grounds = models.JSONField("不開示情報（法78①各号）", default=list, blank=True)
    decided_on = models.DateField("決定日")
    notified_on = models.DateField("通知日", null=True, blank=True)
    reason = models.TextField("理由", blank=True)
    method = models.CharField("開示の実施方法", max_length=20, choices=Method.choices, blank=True)
    exercise_requested_on = models.DateField("開示の実施の申出日", null=True, blank=True)
    disclosed_on = models.DateField("開示の実施日", null=True, blank=True)
    pages = models.PositiveIntegerField("写しの枚数", null=True, blank=True)
    fee = models.PositiveIntegerField("費用（円）", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "決定"
        verbose_name_plural = "決定"
        ordering = ["decided_on", "pk"]
        indexes = [models.Index(fields=["type"])]

    def __str__(self) -> str:
        return f"{self.get_type_display()}（{wareki(self.decided_on)}）"

    @property
    def discloses(self) -> bool:
        return self.type in (self.Type.FULL, self.Type.PARTIAL)


DECISIONS_BY_KIND = {
    rules.DISCLOSURE: {Decision.Type.FULL, Decision.Type.PARTIAL, Decision.Type.NON_DISCLOSURE, Decision.Type.NEITHER,
                       Decision.Type.ABSENT},
    rules.CORRECTION: {Decision.Type.CORRECT, Decision.Type.NOT_CORRECT},
    rules.SUSPENSION: {Decision.Type.SUSPEND, Decision.Type.NOT_SUSPEND},
}
ANY_KIND_DECISIONS = {Decision.Type.WITHDRAWN, Decision.Type.DISMISSED, Decision.Type.TRANSFERRED}
WITH_GROUNDS = {Decision.Type.PARTIAL, Decision.Type.NON_DISCLOSURE, Decision.Type.NEITHER}
DISCLOSING = {Decision.Type.FULL, Decision.Type.PARTIAL}


class Appeal(LegalRecord):
    """審査請求 (行政不服審査法) against a decision; 諮問 to the 審査会 unless 法105① applies."""

    class Exception105(models.TextChoices):
        NONE = "", "諮問する"
        UNLAWFUL = "unlawful", "不適法で却下（法105①一）"
        FULL_ACCEPTANCE = "full", "全部を開示・訂正・利用停止とする（法105①二〜四）"

    class Result(models.TextChoices):
        PENDING = "", "審理中"
        DISMISSED = "dismissed", "却下"
        REJECTED = "rejected", "棄却"
        ACCEPTED = "accepted", "認容（全部）"
        PARTLY = "partly", "一部認容"
        WITHDRAWN = "withdrawn", "取下げ"

    request = models.ForeignKey(DataSubjectRequest, on_delete=models.PROTECT, related_name="appeals",
                                verbose_name="請求")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="appeals", null=True, blank=True,
                                 verbose_name="審査請求に係る決定")
    filed_on = models.DateField("審査請求日")
    exception_105 = models.CharField("諮問の要否", max_length=20, choices=Exception105.choices, blank=True)
    consulted_on = models.DateField("審査会への諮問日", null=True, blank=True)
    report_on = models.DateField("答申日", null=True, blank=True)
    result = models.CharField("裁決の結果", max_length=20, choices=Result.choices, blank=True)
    decided_on = models.DateField("裁決日", null=True, blank=True)
    note = models.TextField("備考", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "審査請求"
        verbose_name_plural = "審査請求"
        ordering = ["-filed_on", "pk"]

    def clean(self) -> None:
        errors = {}
        if self.decision_id and self.decision and self.filed_on and self.filed_on < self.decision.decided_on:
            errors["filed_on"] = "審査請求日が決定日より前です。"
        if self.exception_105 and self.consulted_on:
            errors["consulted_on"] = "法105①の場合は諮問しません。諮問日を空にするか「諮問する」を選んでください。"
        if self.report_on and not self.consulted_on:
            errors["report_on"] = "答申日を入力するときは諮問日も入力してください。"
        if self.report_on and self.consulted_on and self.report_on < self.consulted_on:
            errors["report_on"] = "答申日が諮問日より前です。"
        if self.consulted_on and self.filed_on and self.consulted_on < self.filed_on:
            errors["consulted_on"] = "諮問日が審査請求日より前です。"
        if self.decided_on and self.filed_on and self.decided_on < self.filed_on:
            errors["decided_on"] = "裁決日が審査請求日より前です。"
        if errors:
            raise ValidationError(errors)
