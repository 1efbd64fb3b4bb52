from django.contrib import admin

from hogokan.core.models import Attachment, JobRun, Notification, Reminder


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
