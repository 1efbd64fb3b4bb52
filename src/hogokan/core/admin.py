from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import Http404
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

    def history_view(self, request, object_id, extra_context=None):
        self._check_id(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_id(self.model, object_id)
        self._check_id(self.model.history.model, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    @staticmethod
    def _check_id(model, value) -> None:
        """django-simple-history passes the URL's ids to the database as they are: a word is a 404 here."""
        try:
            model._meta.pk.to_python(value)
        except ValidationError:
            raise Http404 from None


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
