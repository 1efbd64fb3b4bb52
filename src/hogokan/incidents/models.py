"""漏えい等事案: the records (see DESIGN.md §3)."""
