"""The scan results as one ``core.exports.Table``: the command's ``--format csv`` and the pages' downloads."""

from __future__ import annotations

from hogokan.core.exports import Table, csv_bytes
from hogokan.scanner import rules

CSV_HEADER = ("path", "size", "status", *rules.CATEGORIES, "reason")


def files_table(files: list[dict]) -> Table:
    rows = ([item["path"], item["size"], item["status"], *(item["findings"][category] for category in rules.CATEGORIES),
             item.get("reason", "")] for item in files)
    return Table(key="files", title="検査結果", header=CSV_HEADER, rows=rows)


def csv_text(files: list[dict]) -> str:
    """One row per file (the JSON contract's fields; formula-safe like every download)."""
    return csv_bytes(files_table(files)).decode("utf-8").removeprefix("\ufeff")
