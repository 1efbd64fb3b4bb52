"""The data directory, the SQLite file and the attachments are readable by their owner only (issue 20 §5)."""

import stat
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from hogokan.core.services import attachment_add


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_data_directory_and_sqlite_file_are_owner_only():
    assert _mode(Path(settings.DATA_DIR)) & 0o077 == 0
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert _mode(Path(settings.SQLITE_PATH)) == 0o600


def test_attachments_are_stored_owner_only(town):
    attachment = attachment_add(actor=town.user("officer"), target=town.people["officer"],
                                uploaded_file=SimpleUploadedFile("名簿.csv", "氏名\n山田\n".encode()))
    path = Path(attachment.file.path)
    assert _mode(path) == 0o600
    assert _mode(path.parent) & 0o077 == 0
