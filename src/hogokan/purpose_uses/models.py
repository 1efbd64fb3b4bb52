"""目的外利用・提供: the records (see DESIGN.md §3)."""
