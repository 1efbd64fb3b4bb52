"""Benchmarks and data generators (each prints its own figures)."""
