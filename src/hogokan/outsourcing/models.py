"""委託: the records (see DESIGN.md §3)."""
