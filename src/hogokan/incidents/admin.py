from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from hogokan.incidents.models import DataItem


@admin.register(DataItem)
class DataItemAdmin(SimpleHistoryAdmin):
    """The catalogue of personal-data items: its marks decide the PPC report (規則43条1・2・5号)."""

    list_display = ("order", "name", "sensitive", "ordinance_sensitive", "property_risk", "my_number", "active")
    list_display_links = ("name",)
    list_editable = ("order", "active")
    search_fields = ("name",)

    def has_delete_permission(self, request, obj=None):
        return False  # past incidents point at the item: retire it with 「使用中」 off
