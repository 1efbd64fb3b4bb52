from django.contrib import admin

from hogokan.core.admin import HistoryAdmin
from hogokan.outsourcing.models import Company, Contract


@admin.register(Company)
class CompanyAdmin(HistoryAdmin):
    list_display = ("name", "corporate_number", "contact")
    search_fields = ("name", "corporate_number")
    filter_horizontal = ("people",)


@admin.register(Contract)
class ContractAdmin(HistoryAdmin):
    list_display = ("title", "unit", "company", "kind", "status", "period_start", "period_end", "handles_my_number")
    list_filter = ("status", "kind", "handles_my_number", "subcontracting")
    search_fields = ("title", "company__name")
    raw_id_fields = ("unit", "company", "renewal_of", "precheck_sheet")
    filter_horizontal = ("contractor_people", "files", "affairs")
    # A contract is a legal record: it ends, it is not deleted (HistoryAdmin has no delete).
