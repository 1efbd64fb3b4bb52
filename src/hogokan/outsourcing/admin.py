from django.contrib import admin

from hogokan.core.admin import HistoryAdmin
from hogokan.outsourcing.models import Contract


@admin.register(Contract)
class ContractAdmin(HistoryAdmin):
    list_display = ("title", "unit", "contractor_name", "period_start", "period_end", "designated_manager",
                    "handles_my_number")
    list_filter = ("designated_manager", "handles_my_number", "subcontracting")
    search_fields = ("title", "contractor_name")
    raw_id_fields = ("unit",)
    filter_horizontal = ("contractor_people",)
    # A contract is a legal record: it ends, it is not deleted (HistoryAdmin has no delete).
