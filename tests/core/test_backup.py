"""``hogokan backup DIR`` / ``hogokan restore DIR`` (issue 18 §2, contract): the demo restores whole.

The restore runs as its own process into a new data folder (SQLite) or a new database (PostgreSQL),
as an administrator would run it; the test then reads the restored database directly.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from hogokan.core import backup as backups
from hogokan.core.services import attachment_add
from hogokan.org.models import OrgUnit

# Committed data (pg_dump reads through its own connection); the rows of data migrations (default forms)
# are loaded again after an earlier flush, as the demo needs them.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("default_rows")]
ROOT = Path(__file__).resolve().parents[2]
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def _restore(folder: Path, data_dir: Path, database_url: str | None) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOGOKAN_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT / "src")}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run([sys.executable, "-m", "hogokan", "restore", str(folder)], env=env, capture_output=True,
                          text=True, check=False, timeout=600)


class Target:
    """A new, empty place to restore into: a data folder, and on PostgreSQL a new database."""

    def __init__(self, tmp_path: Path):
        self.data_dir = tmp_path / "restored"
        self.database = None
        if connection.vendor == "postgresql":
            import psycopg

            self.database = f"hogokan_restore_{uuid.uuid4().hex[:10]}"
            with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{self.database}"')

    @property
    def url(self) -> str | None:
        return f"postgres://postgres@127.0.0.1:5432/{self.database}" if self.database else None

    def query(self, sql: str) -> list[tuple]:
        if self.database:
            import psycopg
            from psycopg.types.string import TextLoader

            with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{self.database}") as conn:
                conn.adapters.register_loader("jsonb", TextLoader)  # as Django's own connection reads JSON
                return [tuple(row) for row in conn.execute(sql).fetchall()]
        # The types Django's own connection decodes (its converters are registered for the process).
        with sqlite3.connect(self.data_dir / "hogokan.sqlite3",
                             detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES) as conn:
            return conn.execute(sql).fetchall()

    def drop(self) -> None:
        if self.database:
            import psycopg

            with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


@pytest.fixture
def target(tmp_path):
    made = Target(tmp_path)
    yield made
    made.drop()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _rows(cursor_query, table: str) -> list[tuple]:
    """The table's first 25 rows by primary key (history tables: history_id, not the record's id)."""
    with connection.cursor() as cursor:
        key = connection.introspection.get_primary_key_column(cursor, table)
    quote = connection.ops.quote_name
    return cursor_query(f"SELECT * FROM {quote(table)} ORDER BY {quote(key)} LIMIT 25")  # noqa: S608 (introspected names)


def test_the_demo_restores_with_every_row_and_file(tmp_path, media, target):
    from django.contrib.auth import get_user_model

    call_command("demo", stdout=StringIO())
    unit = OrgUnit.objects.order_by("pk").first()
    admin = get_user_model().objects.filter(is_superuser=True).first() or get_user_model().objects.first()
    attachment_add(actor=admin, target=unit, uploaded_file=SimpleUploadedFile("名簿.txt", "個人情報".encode()))
    folder = tmp_path / "backup"

    out = StringIO()
    call_command("backup", str(folder), stdout=out)
    assert "バックアップしました" in out.getvalue()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tables"]["org_orgunit"] == OrgUnit.objects.count()
    assert len(manifest["files"]) == 1

    done = _restore(folder, target.data_dir, target.url)
    assert done.returncode == 0, done.stderr
    assert "件数は目録と一致" in done.stdout

    source = backups.table_counts()
    for table, count in source.items():
        quoted = connection.ops.quote_name(table)
        assert target.query(f"SELECT COUNT(*) FROM {quoted}") == [(count,)], table  # noqa: S608
    busiest = sorted(source, key=source.get, reverse=True)[:8]

    def here(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return [tuple(row) for row in cursor.fetchall()]

    for table in [*busiest, "org_orgunit", "core_attachment"]:
        assert _rows(target.query, table) == _rows(here, table), table
    restored = list((target.data_dir / "files").rglob("*.txt"))
    assert [path.read_bytes() for path in restored] == ["個人情報".encode()]
    from django.conf import settings

    original_key = Path(settings.DATA_DIR) / "secret_key"
    if original_key.is_file():
        assert (target.data_dir / "secret_key").read_text() == original_key.read_text()


def test_backup_refuses_a_folder_that_is_not_empty(tmp_path, media):
    folder = tmp_path / "used"
    folder.mkdir()
    (folder / "keep.txt").write_text("前回のバックアップ")
    with pytest.raises(CommandError, match="空のフォルダーではありません"):
        call_command("backup", str(folder), stdout=StringIO())
    assert [path.name for path in folder.iterdir()] == ["keep.txt"]


def test_a_damaged_backup_is_refused_before_anything_is_written(tmp_path, media, town, target):
    folder = tmp_path / "backup"
    call_command("backup", str(folder), stdout=StringIO())
    database = next(folder.glob("database.*"))
    damaged = bytearray(database.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    database.write_bytes(bytes(damaged))

    done = _restore(folder, target.data_dir, target.url)
    assert done.returncode != 0
    assert "チェックサムが目録と一致しません" in done.stderr
    assert "何も書き込んでいません" in done.stderr
    if target.database:
        assert target.query("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'") == [(0,)]
    else:
        database_file = target.data_dir / "hogokan.sqlite3"
        assert not database_file.exists() or database_file.stat().st_size == 0


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, media, town, target):
    folder = tmp_path / "backup"
    call_command("backup", str(folder), stdout=StringIO())
    assert _restore(folder, target.data_dir, target.url).returncode == 0
    again = _restore(folder, target.data_dir, target.url)
    assert again.returncode != 0
    assert "空ではありません" in again.stderr


def test_a_folder_without_a_manifest_is_not_a_backup(tmp_path, target):
    (tmp_path / "nothing").mkdir()
    done = _restore(tmp_path / "nothing", target.data_dir, target.url)
    assert done.returncode != 0
    assert "目録（manifest.json）がありません" in done.stderr
