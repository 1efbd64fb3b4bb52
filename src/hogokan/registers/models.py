"""個人情報ファイル簿: the records (see DESIGN.md §3)."""
