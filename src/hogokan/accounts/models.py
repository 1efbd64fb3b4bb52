import hashlib

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

TOKEN_PREFIX = "hgk_"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """An API token; only its SHA-256 is stored, the token itself is shown once.

    Issued and revoked only through hogokan.accounts.services, which record who did it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name="利用者")
    name = models.CharField("用途", max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField("先頭", max_length=12)
    created_at = models.DateTimeField("発行日時", auto_now_add=True)
    last_used_at = models.DateTimeField("最終利用日時", null=True, blank=True)
    revoked_at = models.DateTimeField("失効日時", null=True, blank=True)
    # The hash is not history (it never changes); the last use is written once a minute without a
    # history row, so in the history it would read as changed by whoever revoked the token next.
    history = HistoricalRecords(excluded_fields=["key_hash", "last_used_at"])

    class Meta:
        verbose_name = "API トークン"
        verbose_name_plural = "API トークン"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"
