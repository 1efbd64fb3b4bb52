from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from hogokan.core.models import Attachment, JobRun, Notification, Reminder


class HistoryAdmin(SimpleHistoryAdmin):
    """The admin of a record with history: each save's row names the admin (the middleware) and
    says it was made in the admin site; records with legal weight are ended, never deleted."""

    def save_model(self, request, obj, form, change):
        obj._change_reason = "管理サイトで変更" if change else "管理サイトで登録"
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    list_display = ("name", "started_at", "finished_at", "ok")
    list_filter = ("name", "ok")


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("subject", "due_date", "resolved_at", "escalated_at")
    search_fields = ("key", "subject")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "subject", "kind", "due_date", "created_at", "sent_at", "read_at")
    list_filter = ("kind",)


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ("original_name", "size", "sha256", "uploaded_by", "uploaded_at")

    def has_delete_permission(self, request, obj=None):
        return False
