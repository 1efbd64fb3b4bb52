from django.contrib import admin

from hogokan.accounts.models import ApiToken
from hogokan.core.admin import HistoryAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(HistoryAdmin):
    list_display = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("key_hash", "prefix")

    def has_add_permission(self, request):
        return False  # a token is issued on the settings page or by `hogokan apitoken`, shown once
