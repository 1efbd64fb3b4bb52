"""One home per concern (docs/architecture.md): what import-linter cannot see, checked on the source."""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "hogokan"


def _sources(pattern: str = "*.py"):
    return [path for path in SRC.rglob(pattern) if "migrations" not in path.parts]


def test_views_ask_named_checks_not_roles():
    """A view, the menu and the shell ask actor.is_office … (org.access), never compare Role values."""
    offenders = []
    for path in _sources():
        if not (path.name.startswith("views") or path.parent.name == "site"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"\bRole\.[A-Z]|\.role\s*(==|!=|in\b|not in\b)", line):
                offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_templates_ask_named_checks_not_roles():
    offenders = [f"{path.relative_to(SRC)}: {match.group(0)}"
                 for path in _sources("*.html")
                 for match in re.finditer(r"\.role\s*(==|!=)|\brole\s*==", path.read_text(encoding="utf-8"))]
    assert not offenders, "\n".join(offenders)


def test_dates_are_parsed_only_in_core_calendar():
    """One date parser (core.calendar.parse_date): no strptime or fromisoformat of user input elsewhere."""
    offenders = [f"{path.relative_to(SRC)}:{number}"
                 for path in _sources() if path.relative_to(SRC).parts[0] != "core"
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if "strptime" in line]
    assert not offenders, "\n".join(offenders)


def test_no_paginator_page_size_or_workbook_outside_core():
    offenders = [f"{path.relative_to(SRC)}:{number}: {line.strip()}"
                 for path in _sources() if path.relative_to(SRC).parts[0] not in ("core",)
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if re.match(r"\s*(PAGE_SIZE\s*=|import csv|from openpyxl|import openpyxl|from django.core.paginator)", line)]
    assert not offenders, "\n".join(offenders)
