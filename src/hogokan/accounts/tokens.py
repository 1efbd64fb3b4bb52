from datetime import timedelta

from django.utils import timezone
from rest_framework import authentication, exceptions

from hogokan.accounts.models import ApiToken, hash_token

LAST_USED_PRECISION = timedelta(minutes=1)


class TokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer hgk_…`` (or ``Token hgk_…``)."""

    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Authorization ヘッダーの形式が正しくありません。")
        token = (ApiToken.objects.select_related("user")
                 .filter(key_hash=hash_token(header[1]), revoked_at__isnull=True).first())
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("API トークンが無効です。")
        now = timezone.now()
        # "Last used" is for people reviewing tokens: once a minute is precise enough and saves a write per call.
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return "Bearer"
