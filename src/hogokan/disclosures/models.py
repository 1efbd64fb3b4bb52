"""開示請求等: the records (see DESIGN.md §3)."""
