from django.contrib import admin

from hogokan.core.admin import HistoryAdmin
from hogokan.org.models import Assignment, Organ, OrgUnit, Person, PersonnelEvent


class NoDeleteAdmin(HistoryAdmin):
    """Records with legal weight are ended or abolished, never deleted."""


@admin.register(Organ)
class OrganAdmin(NoDeleteAdmin):
    list_display = ("display_order", "code", "name")
    list_display_links = ("code", "name")


@admin.register(OrgUnit)
class OrgUnitAdmin(NoDeleteAdmin):
    list_display = ("code", "name", "kind", "organ", "parent", "valid_from", "valid_to", "successor")
    list_filter = ("organ", "kind")
    search_fields = ("code", "name")
    raw_id_fields = ("parent", "successor")


@admin.register(Person)
class PersonAdmin(NoDeleteAdmin):
    list_display = ("employee_no", "name", "kind", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("employee_no", "name", "name_kana")
    raw_id_fields = ("user",)


@admin.register(Assignment)
class AssignmentAdmin(NoDeleteAdmin):
    list_display = ("person", "unit", "role", "start", "end")
    list_filter = ("role",)
    search_fields = ("person__name", "person__employee_no", "unit__name")
    raw_id_fields = ("person", "unit")


@admin.register(PersonnelEvent)
class PersonnelEventAdmin(admin.ModelAdmin):
    list_display = ("effective_date", "person", "kind", "batch")
    raw_id_fields = ("person", "from_assignment", "to_assignment")

    def has_delete_permission(self, request, obj=None):
        return False
