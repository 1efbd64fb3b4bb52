from django.contrib import admin

from hogokan.core.admin import HistoryAdmin
from hogokan.incidents.models import DataItem


@admin.register(DataItem)
class DataItemAdmin(HistoryAdmin):
    """The catalogue of personal-data items: its marks decide the PPC report (規則43条1・2・5号)."""

    list_display = ("order", "name", "sensitive", "ordinance_sensitive", "property_risk", "my_number", "active")
    list_display_links = ("name",)
    list_editable = ("order", "active")
    search_fields = ("name",)
    # No delete (HistoryAdmin): past incidents point at the item; retire it with 「使用中」 off.
