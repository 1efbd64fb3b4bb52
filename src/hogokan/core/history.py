"""Reading the change history kept by django-simple-history (who, when, fields before/after)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from hogokan.core.calendar import wareki

_ACTIONS = {"+": "作成", "~": "変更", "-": "削除"}


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    at: datetime
    actor: str
    action: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


def display_name(user) -> str:
    """How a user is named on screen: the person's name (氏名), else the account's full name, else the login ID."""
    if user is None:
        return "システム"
    person = getattr(user, "person", None)
    return (person.name if person is not None and person.name else "") or user.get_full_name() or user.get_username()


def _display(record, field_name: str, value) -> str:
    if value is None or value == "":
        return "（なし）"
    model_field = record.instance_type._meta.get_field(field_name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        related = model_field.related_model._default_manager.filter(pk=value).first()
        if related is not None and model_field.related_model is get_user_model():
            return display_name(related)  # 「提出者 officer」 → the person's name
        return str(related) if related else f"#{value}"
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{wareki(local.date())} {local:%H:%M}"
    if isinstance(value, date):
        return wareki(value)
    if isinstance(value, (list, tuple)):
        # A model may name the codes it keeps in a list (history_value_labels = {field: {code: label}}).
        labels = getattr(record.instance_type, "history_value_labels", {}).get(field_name, {})
        return "、".join(str(labels.get(item, item)) for item in value) if value else "（なし）"
    if isinstance(value, dict):
        labels = getattr(record.instance_type, "history_value_labels", {}).get(field_name, {})
        return "、".join(f"{labels.get(key, key)}: {labels.get(item, item)}" for key, item in value.items()) \
            if value else "（なし）"
    return str(value)


def link_change(label: str, before: Iterable[str], after: Iterable[str]) -> str:
    """The words a change reason uses for a many-to-many link change, "" when nothing changed.

    Links (a file's 事務, an incident's items, a contract's people) have no history rows of their
    own: the service saves the parent with this in its reason, so the record's page says what was
    linked and unlinked, by whom and when. E.g. 「関連する事務: 追加 選挙事務／解除 住民記録事務」.
    """
    before, after = set(before), set(after)
    added, removed = sorted(after - before), sorted(before - after)
    if not added and not removed:
        return ""
    if not before:
        return f"{label}: {'、'.join(added)}"
    words = ([f"追加 {'、'.join(added)}"] if added else []) + ([f"解除 {'、'.join(removed)}"] if removed else [])
    return f"{label}: {'／'.join(words)}"


def with_links(reason: str, *changes: str) -> str:
    """``reason`` followed by the link changes that are not empty: 「編集（関連する事務: 追加 …）」."""
    changes = tuple(change for change in changes if change)
    return f"{reason}（{'、'.join(changes)}）" if changes else reason


def history_of(obj, *, limit: int = 200) -> list[HistoryEntry]:
    """The record's history, newest first, each change with its fields before and after."""
    records = list(obj.history.select_related("history_user__person").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[FieldChange] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=False)
            for change in delta.changes:
                label = str(record.instance_type._meta.get_field(change.field).verbose_name)
                changes.append(
                    FieldChange(label, _display(record, change.field, change.old), _display(record, change.field, change.new))
                )
        elif record.history_type == "+":
            for model_field in record.tracked_fields:  # without the fields a model keeps out of its history
                if model_field.primary_key:
                    continue
                value = getattr(record, model_field.attname)
                if value not in (None, ""):
                    changes.append(FieldChange(str(model_field.verbose_name), "", _display(record, model_field.name, value)))
        user = record.history_user
        actor = display_name(user)
        entries.append(
            HistoryEntry(
                at=record.history_date,
                actor=actor,
                action=_ACTIONS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def end_of_day(day: date) -> datetime:
    """The last instant of ``day`` in the body's time zone (history rows of that day are before it)."""
    return timezone.make_aware(datetime.combine(day, datetime.max.time()))


def records_as_of(model, day: date | None):
    """The rows of ``model`` as they stood at the end of ``day`` (from its history), or as they are now (None).

    For the reports' 「○月○日時点」: a record changed after ``day`` shows its state of that day (a request
    decided later is still undecided there). A record entered after ``day`` (a late entry of something that
    happened before) shows the state it was first recorded in; the caller's own date filters (received,
    learned, decided on or before ``day``) leave out what happened after it. Deleted rows are gone. Filters
    and values() work as on ``model.objects``; related objects are today's."""
    if day is None:
        return model.objects.all()
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import Coalesce

    history = model.history.all()
    same = history.filter(id=OuterRef("id"))
    # per record: its last row of that day, else (entered later) its first row; ties by the history row's id
    last_known = same.filter(history_date__lte=end_of_day(day)).order_by("-history_date", "-history_id")
    first = same.order_by("history_date", "history_id")
    chosen = history.filter(history_id=Coalesce(Subquery(last_known.values("history_id")[:1]),
                                                Subquery(first.values("history_id")[:1])))
    return chosen.as_instances()
