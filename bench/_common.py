"""What the PostgreSQL benchmarks share: their own database, and Django set up on it."""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def recreate_database(name: str) -> None:
    """Drop the benchmark's database if it is there and create it empty."""
    drop_database(name)
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(name: str, data_dir: str) -> None:
    """Point Hogokan at the benchmark's database and a scratch data folder, then start Django."""
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    os.environ["HOGOKAN_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hogokan.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


@contextmanager
def bench_database(name: str, *, keep: bool = False):
    """A new database ``name``, Django set up on it and migrated; dropped afterwards unless ``keep``."""
    recreate_database(name)
    setup_django(name, tempfile.mkdtemp(prefix="hogokan-bench-"))
    from django.core.management import call_command
    from django.db import connections

    try:
        call_command("migrate", verbosity=0)
        yield
    finally:
        if not keep:
            connections.close_all()
            drop_database(name)
