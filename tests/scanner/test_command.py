"""``hogokan scan``: the JSON contract exactly, CSV, the text summary, bad paths, the index."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hogokan.scanner import engine, rules

from . import files
from .files import MY_NUMBER

STATUSES = {"ok", "encrypted", "unreadable", "unsupported", "too_large"}


@pytest.fixture
def share(tmp_path):
    root = tmp_path / "share"
    (root / "保険医療課" / "sub").mkdir(parents=True)
    (root / "保険医療課" / "名簿.xlsx").write_bytes(files.xlsx_bytes([("個人番号",), (MY_NUMBER,)]))
    (root / "保険医療課" / "sub" / "list.csv").write_bytes("氏名,電話\n佐藤 花子,090-1234-5678\n".encode("cp932"))
    (root / "保険医療課" / "保護.xlsx").write_bytes(files.encrypted_xlsx_bytes([("個人番号",), (MY_NUMBER,)]))
    (root / "broken.docx").write_bytes(files.docx_bytes(["x"])[:40])
    (root / "photo.jpg").write_bytes(b"\xff\xd8")
    return root


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("scan", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_contract(share):
    out, _ = run(str(share), "--format", "json", "--jobs", "1")
    document = json.loads(out)
    assert set(document) == {"files", "summary"}
    by_path = {item["path"]: item for item in document["files"]}
    assert set(by_path) == {"保険医療課/名簿.xlsx", "保険医療課/sub/list.csv", "保険医療課/保護.xlsx", "broken.docx", "photo.jpg"}
    for item in document["files"]:
        assert isinstance(item["path"], str) and isinstance(item["size"], int) and item["status"] in STATUSES
        assert list(item["findings"]) == list(rules.CATEGORIES)
        assert all(isinstance(count, int) for count in item["findings"].values())
    assert by_path["保険医療課/名簿.xlsx"]["findings"]["my_number"] == 1
    assert by_path["保険医療課/名簿.xlsx"]["size"] == (share / "保険医療課" / "名簿.xlsx").stat().st_size
    assert by_path["保険医療課/sub/list.csv"]["findings"]["phone"] == 1
    assert by_path["保険医療課/保護.xlsx"]["status"] == "encrypted"
    assert by_path["broken.docx"]["status"] == "unreadable" and by_path["broken.docx"]["reason"]
    assert by_path["photo.jpg"]["status"] == "unsupported"
    summary = document["summary"]
    assert summary["files"] == 5 and isinstance(summary["bytes"], int) and isinstance(summary["seconds"], float)
    assert summary["bytes"] == sum(item["size"] for item in document["files"])
    assert MY_NUMBER not in out and "090-1234-5678" not in out  # raw values are never printed


def test_paths_are_relative_to_their_argument_with_slashes(share):
    out, _ = run(str(share / "保険医療課"), str(share / "photo.jpg"), "--format", "json", "--jobs", "1")
    paths = [item["path"] for item in json.loads(out)["files"]]
    assert paths == ["sub/list.csv", "保護.xlsx", "名簿.xlsx", "photo.jpg"] or set(paths) == {
        "sub/list.csv", "保護.xlsx", "名簿.xlsx", "photo.jpg"}


def test_parallel_gives_the_same_results(share):
    one = json.loads(run(str(share), "--format", "json", "--jobs", "1")[0])["files"]
    two = json.loads(run(str(share), "--format", "json", "--jobs", "2")[0])["files"]
    assert one == two


def test_csv_format(share):
    out, _ = run(str(share), "--format", "csv", "--jobs", "1")
    lines = out.splitlines()
    assert lines[0] == "path,size,status," + ",".join(rules.CATEGORIES) + ",reason"
    assert len(lines) == 6 and any(line.startswith("保険医療課/名簿.xlsx,") for line in lines)


def test_text_summary(share):
    out, _ = run(str(share), "--jobs", "1")
    assert "保険医療課/名簿.xlsx: 個人番号（マイナンバー） 1" in out
    assert "5 ファイル" in out and "暗号化 1 件" in out


def test_missing_path_is_a_usage_error_but_the_rest_is_scanned(share, tmp_path):
    with pytest.raises(CommandError) as raised:
        run(str(share), str(tmp_path / "nothing"), "--format", "json", "--jobs", "1")
    assert raised.value.returncode == 2 and "存在しないパス" in str(raised.value)


def test_exit_status_from_the_console(share, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(Path(engine.__file__).parents[2]), "DJANGO_SETTINGS_MODULE": "hogokan.settings",
           "HOGOKAN_DATA_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "hogokan", "scan"]
    found = subprocess.run([*command, str(share), "--format", "json"], capture_output=True, env=env, timeout=120)
    assert found.returncode == 0 and json.loads(found.stdout)["summary"]["files_with_my_number"] == 1
    usage = subprocess.run([*command, "--no-such-option", str(share)], capture_output=True, env=env, timeout=120)
    assert usage.returncode == 2
    missing = subprocess.run([*command, str(tmp_path / "nothing"), str(share)], capture_output=True, env=env, timeout=120)
    assert missing.returncode == 2 and "存在しないパス".encode() in missing.stderr
    assert len(json.loads(subprocess.run([*command, str(tmp_path / "nothing"), str(share), "--format", "json"],
                                         capture_output=True, env=env, timeout=120).stdout)["files"]) == 5


def test_unreadable_folder_is_reported_and_the_rest_scanned(share):
    if os.geteuid() == 0:
        locked_errors = []
        # root reads every folder: simulate the error through the walker's own handler
        original = os.scandir

        def scandir(path):
            if str(path).endswith("sub"):
                raise PermissionError(13, "Permission denied")
            return original(path)

        engine.os.scandir = scandir
        try:
            report = engine.scan_paths([str(share)], jobs=1)
        finally:
            engine.os.scandir = original
        locked_errors = report.errors
    else:
        (share / "保険医療課" / "sub").chmod(0)
        report = engine.scan_paths([str(share)], jobs=1)
        (share / "保険医療課" / "sub").chmod(0o755)
        locked_errors = report.errors
    assert any("フォルダを読み取れません" in message for message in locked_errors)
    assert {item["path"] for item in report.files} >= {"保険医療課/名簿.xlsx", "photo.jpg"}


def test_a_file_that_vanishes_during_the_scan(share, monkeypatch):
    entries = list(engine.walk(str(share), []))
    (share / "photo.jpg").unlink()
    monkeypatch.setattr(engine, "walk", lambda root, errors: iter(entries))
    report = engine.scan_paths([str(share)], jobs=1)
    vanished = next(item for item in report.files if item["path"] == "photo.jpg")
    assert vanished["status"] == "unreadable" and "見つかりません" in vanished["reason"]
    assert len(report.files) == 5


def test_index_reuses_unchanged_files(share, tmp_path):
    index = str(tmp_path / "index.sqlite")
    first = engine.scan_paths([str(share)], jobs=1, index_path=index)
    second = engine.scan_paths([str(share)], jobs=1, index_path=index)
    assert second.reused == 4  # the unreadable file is scanned again
    strip = lambda report: [{k: v for k, v in item.items() if k != "reason"} for item in report.files]  # noqa: E731
    assert strip(first) == strip(second)
    (share / "保険医療課" / "sub" / "list.csv").write_bytes(f"個人番号\n{MY_NUMBER}\n".encode())
    third = engine.scan_paths([str(share)], jobs=1, index_path=index)
    changed = next(item for item in third.files if item["path"] == "保険医療課/sub/list.csv")
    assert changed["findings"]["my_number"] == 1 and third.reused == 3


def test_index_with_content_hash(share, tmp_path):
    index = str(tmp_path / "index.sqlite")
    engine.scan_paths([str(share)], jobs=1, index_path=index, use_hash=True)
    again = engine.scan_paths([str(share)], jobs=1, index_path=index, use_hash=True)
    assert again.reused == 4
