"""Demo data of the checklist engine: the default contractor forms (idempotent; the migration loads them too)."""

from __future__ import annotations

from hogokan.checklists import defaults


def load() -> bool:
    """True when a default form was missing and is now in use."""
    return defaults.load() > 0
