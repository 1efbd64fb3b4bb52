"""Reports: the annual statistics, council papers and the catalogue of tables (issue 16)."""
