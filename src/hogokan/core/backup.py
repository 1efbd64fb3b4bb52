"""``hogokan backup DIR`` and ``hogokan restore DIR``: the database, the uploaded files and a manifest.

A backup folder holds:

- ``database.sqlite3`` (SQLite's online backup API: a consistent copy while the server runs) or
  ``database.dump`` (``pg_dump --format=custom``);
- ``files/``: a copy of the uploaded files (``MEDIA_ROOT``);
- ``secret_key``: the data directory's generated secret key, when the body uses it (not ``SECRET_KEY``
  from the environment): restored with the rest, sessions and signed links stay valid;
- ``manifest.json``: the engine, the row count of every table and the SHA-256 of every file above.

Restore goes into the data directory or the database that the environment names (``HOGOKAN_DATA_DIR``,
``DATABASE_URL``), which must be empty. It checks every checksum of the manifest before it writes
anything, and every table's row count after. Every failure is a :class:`BackupError` with a Japanese
message (the commands print it and exit non-zero).
"""

from __future__ import annotations

import glob
import hashlib
import json
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
FILES = "files"
SECRET = "secret_key"
FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Japanese."""


@dataclass(frozen=True)
class Summary:
    folder: Path
    tables: int
    rows: int
    files: int


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def table_counts() -> dict[str, int]:
    """Every table of the database (the app's and Django's own) with its row count."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 (introspected names)
            counts[table] = cursor.fetchone()[0]
    return counts


def _engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else connection.vendor


def _empty_folder(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BackupError(f"バックアップ先「{folder}」は空のフォルダーではありません。新しいフォルダーか空のフォルダーを指定してください。")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def _pg_tool(name: str) -> str:
    """pg_dump / pg_restore: on PATH, else the newest of Debian's /usr/lib/postgresql/*/bin."""
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if not found:
        raise BackupError(f"{name} が見つかりません。PostgreSQL のクライアント（postgresql-client）を導入してください。")
    return found


def _pg_url() -> str:
    conf = connection.settings_dict
    user = conf.get("USER") or "postgres"
    password = f":{conf['PASSWORD']}" if conf.get("PASSWORD") else ""
    host = conf.get("HOST") or "localhost"
    port = f":{conf['PORT']}" if conf.get("PORT") else ""
    return f"postgresql://{user}{password}@{host}{port}/{conf['NAME']}"


def _run(argv: list[str], what: str) -> None:
    done = subprocess.run(argv, capture_output=True, text=True, check=False)  # noqa: S603 (fixed tool, no shell)
    if done.returncode != 0:
        raise BackupError(f"{what}に失敗しました: {done.stderr.strip() or done.returncode}")


def _copy_files(source: Path, target: Path) -> dict[str, str]:
    """Copy the file tree; relative path → SHA-256 of what was copied."""
    checksums = {}
    if not source.is_dir():
        return checksums
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        relative = path.relative_to(source)
        destination = target / relative
        destination.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        checksums[relative.as_posix()] = sha256(destination)
    return checksums


def backup(folder: Path) -> Summary:
    folder = Path(folder)
    _empty_folder(folder)
    engine = _engine()
    if engine == "sqlite":
        database = folder / SQLITE_FILE
        connection.ensure_connection()
        target = sqlite3.connect(database)
        try:
            connection.connection.backup(target)  # online: a consistent copy while others write
        finally:
            target.close()
    elif engine == "postgresql":
        database = folder / PG_FILE
        _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={database}", _pg_url()],
             "データベースのバックアップ（pg_dump）")
    else:
        raise BackupError(f"このデータベース（{engine}）のバックアップには対応していません。")
    database.chmod(0o600)
    counts = table_counts()
    files = _copy_files(Path(settings.MEDIA_ROOT), folder / FILES)
    secret = Path(settings.DATA_DIR) / SECRET
    if secret.is_file():
        shutil.copyfile(secret, folder / SECRET)
        (folder / SECRET).chmod(0o600)
    manifest = {
        "format": FORMAT,
        "engine": engine,
        "created_at": timezone.now().isoformat(),
        "database": {"name": database.name, "sha256": sha256(database)},
        "tables": counts,
        "files": files,
        "secret_key": sha256(folder / SECRET) if secret.is_file() else None,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    (folder / MANIFEST).chmod(0o600)
    return Summary(folder, len(counts), sum(counts.values()), len(files))


def read_manifest(folder: Path) -> dict:
    """The manifest, after every checksum in it was verified (nothing is written before this)."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupError(f"「{folder}」にバックアップの目録（{MANIFEST}）がありません。")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        database = manifest["database"]
        listed = [(Path(folder) / database["name"], database["sha256"])]
        listed += [(Path(folder) / FILES / name, digest) for name, digest in manifest["files"].items()]
        if manifest.get("secret_key"):
            listed.append((Path(folder) / SECRET, manifest["secret_key"]))
        if not isinstance(manifest["tables"], dict):
            raise TypeError("tables")
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BackupError(f"バックアップの目録（{MANIFEST}）を読めません: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"バックアップの形式（{manifest.get('format')}）に対応していません。")
    for path, digest in listed:
        if not path.is_file():
            raise BackupError(f"バックアップのファイル「{path.name}」がありません。復元を中止しました（何も書き込んでいません）。")
        if sha256(path) != digest:
            raise BackupError(f"バックアップのファイル「{path.relative_to(folder)}」のチェックサムが目録と一致しません。"
                              "復元を中止しました（何も書き込んでいません）。")
    return manifest


def _sqlite_is_empty(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return True
    probe = sqlite3.connect(path)
    try:
        return probe.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0
    finally:
        probe.close()


def restore(folder: Path) -> Summary:
    folder = Path(folder)
    manifest = read_manifest(folder)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(f"このバックアップは {manifest['engine']} のものです。{engine} には復元できません"
                          "（DATABASE_URL を確認してください）。")
    media = Path(settings.MEDIA_ROOT)
    if media.exists() and any(p.is_file() for p in media.rglob("*")):
        raise BackupError(f"復元先のファイル置き場「{media}」は空ではありません。空のデータフォルダー（HOGOKAN_DATA_DIR）を指定してください。")
    source = folder / manifest["database"]["name"]
    if engine == "sqlite":
        target = Path(connection.settings_dict["NAME"])
        connection.close()
        if not _sqlite_is_empty(target):
            raise BackupError(f"復元先のデータベース「{target}」は空ではありません。空のデータフォルダー（HOGOKAN_DATA_DIR）を指定してください。")
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(source, target)
        target.chmod(0o600)
    else:
        with connection.cursor() as cursor:
            if connection.introspection.table_names(cursor):
                raise BackupError(f"復元先のデータベース「{connection.settings_dict['NAME']}」は空ではありません。"
                                  "空のデータベースを DATABASE_URL に指定してください。")
        connection.close()
        _run([_pg_tool("pg_restore"), "--no-owner", "--exit-on-error", f"--dbname={_pg_url()}", str(source)],
             "データベースの復元（pg_restore）")
    files = _copy_files(folder / FILES, media)
    if manifest.get("secret_key"):
        # Replaces the key this command's own start generated for the empty data directory.
        shutil.copyfile(folder / SECRET, Path(settings.DATA_DIR) / SECRET)
        (Path(settings.DATA_DIR) / SECRET).chmod(0o600)
    counts = table_counts()
    if counts != manifest["tables"]:
        differ = sorted(name for name in set(counts) | set(manifest["tables"])
                        if counts.get(name) != manifest["tables"].get(name))
        raise BackupError(f"復元したデータベースの件数が目録と一致しません: {', '.join(differ[:10])}")
    return Summary(folder, len(counts), sum(counts.values()), len(files))

