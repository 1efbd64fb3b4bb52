"""The kinds of record a 審議会 agenda item may concern that live in modules above this one (目的外利用 …).

The registers may not import those modules (the layers), so each registers its records here from its
``AppConfig.ready`` through ``registers.api.register_council_subject``: a label, its model, the records an actor
may choose (scoped by the module itself), how each is named, and its page. The agenda item stores a generic link
(content type and id), as core's attachments and notifications do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType


@dataclass(frozen=True)
class CouncilSubject:
    key: str
    label: str
    model: type
    choices: Callable  # actor → a queryset of the records the actor may tie an agenda item to (newest first)
    name: Callable  # record → its name on the agenda
    url: Callable  # record → its page


_SUBJECTS: dict[str, CouncilSubject] = {}
CHOICES = 300  # the newest of each kind on the form


def register_council_subject(key: str, *, label: str, model, choices, name=str, url=None) -> None:
    _SUBJECTS[key] = CouncilSubject(key, label, model, choices, name, url or (lambda record: ""))


def subjects() -> list[CouncilSubject]:
    return list(_SUBJECTS.values())


def value_of(record) -> str:
    """A record as the form's choice value: "<subject key>:<pk>"."""
    for subject in _SUBJECTS.values():
        if isinstance(record, subject.model):
            return f"{subject.key}:{record.pk}"
    return ""


def choices_for(actor) -> list[tuple[str, list[tuple[str, str]]]]:
    """The form's grouped choices: per kind, the records the actor may choose."""
    groups = []
    for subject in _SUBJECTS.values():
        options = [(f"{subject.key}:{record.pk}", subject.name(record)) for record in subject.choices(actor)[:CHOICES]]
        if options:
            groups.append((subject.label, options))
    return groups


def resolve(actor, value: str):
    """The record a choice value names, among those the actor may choose (None otherwise)."""
    key, _, pk = (value or "").partition(":")
    subject = _SUBJECTS.get(key)
    if subject is None or not pk.isdigit():
        return None
    return subject.choices(actor).filter(pk=int(pk)).first()


def describe(item) -> tuple[str, str, str]:
    """(kind label, name, url) of an agenda item's generic link; empty when it has none."""
    if item.content_type_id is None:
        return "", "", ""
    model = ContentType.objects.get_for_id(item.content_type_id).model_class()
    for subject in _SUBJECTS.values():
        if subject.model is model:
            record = model._default_manager.filter(pk=item.object_id).first()
            if record is None:
                return subject.label, f"（番号 {item.object_id}）", ""
            return subject.label, subject.name(record), subject.url(record)
    return "", f"（番号 {item.object_id}）", ""
