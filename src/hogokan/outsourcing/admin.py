from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from hogokan.outsourcing.models import Contract


@admin.register(Contract)
class ContractAdmin(SimpleHistoryAdmin):
    list_display = ("title", "unit", "contractor_name", "period_start", "period_end", "designated_manager",
                    "handles_my_number")
    list_filter = ("designated_manager", "handles_my_number", "subcontracting")
    search_fields = ("title", "contractor_name")
    raw_id_fields = ("unit",)
    filter_horizontal = ("contractor_people",)

    def has_delete_permission(self, request, obj=None):
        return False  # a contract is a legal record: it ends, it is not deleted
