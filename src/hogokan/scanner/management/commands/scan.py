"""``hogokan scan PATH [PATH …]``: find personal information in files (docs/scanner.md).

``--format json`` prints the contract ``{"files": [...], "summary": {...}}``; ``--format csv`` one row
per file; the default is a readable summary with a progress bar on a terminal. ``--post`` sends the
run to the server (``HOGOKAN_URL``, ``HOGOKAN_API_TOKEN``). Exit 0 even when personal information is
found; 2 on a usage error (an unknown option, a PATH that does not exist — the rest is still scanned).
"""

from __future__ import annotations

import io
import json
import os
import socket
import sys
import urllib.error
import urllib.request

from django.core.management.base import BaseCommand, CommandError

from hogokan.scanner import rules
from hogokan.scanner.engine import scan_paths
from hogokan.scanner.exports import csv_text

USAGE_ERROR = 2
BATCH = 2000  # files per request (the server takes bodies up to 5 MB)


class Command(BaseCommand):
    help = "ファイル・フォルダの個人情報（個人番号、電話番号、住所など）を検査します。"
    requires_system_checks: list = []  # runs on file servers: no database needed unless --post

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="検査するフォルダまたはファイル")
        parser.add_argument("--format", choices=("text", "json", "csv"), default="text", help="出力形式")
        parser.add_argument("--jobs", type=int, default=None, help="並列数（既定: コア数）")
        parser.add_argument("--index", default=None,
                            help="前回の結果の索引ファイル（SQLite）。変更のないファイルは読み直しません")
        parser.add_argument("--hash", action="store_true", help="索引の照合に内容のハッシュも使う")
        parser.add_argument("--post", action="store_true",
                            help="結果をサーバーへ送る（環境変数 HOGOKAN_URL と HOGOKAN_API_TOKEN）")

    def handle(self, *args, paths, format, jobs, index, hash, post, **options):
        if jobs is not None and jobs < 1:
            raise UsageError("--jobs は 1 以上の整数で指定してください。")
        if post and not (os.environ.get("HOGOKAN_URL") and os.environ.get("HOGOKAN_API_TOKEN")):
            raise UsageError("--post には環境変数 HOGOKAN_URL と HOGOKAN_API_TOKEN が必要です。")
        missing = [path for path in paths if not os.path.exists(path)]
        progress = self._progress() if format == "text" and _is_terminal(self.stderr) else None
        try:
            report = scan_paths(paths, jobs=jobs, index_path=index, use_hash=hash,
                                progress=progress.update if progress else None)
        finally:
            if progress:
                progress.stop()
        document = report.as_json()
        for message in report.errors:
            self.stderr.write(message)
        if format == "json":
            self.stdout.write(json.dumps(document, ensure_ascii=False))
        elif format == "csv":
            self.stdout.write(csv_text(document["files"]), ending="")
        else:
            self._text(document)
        if post:
            self._post(paths, document)
        if missing:
            raise UsageError("存在しないパスがあります: " + "、".join(missing) + "（他のパスは検査しました）")

    def _progress(self):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        console_file = getattr(self.stderr, "_out", sys.stderr)
        from rich.console import Console

        bar = Progress("検査中", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                       console=Console(file=console_file), transient=True)
        bar.start()
        task = bar.add_task("scan", total=None)

        class Handle:
            def update(self, done, total):
                bar.update(task, completed=done, total=total)

            def stop(self):
                bar.stop()

        return Handle()

    def _text(self, document: dict) -> None:
        summary = document["summary"]
        for item in document["files"]:
            found = {category: count for category, count in item["findings"].items() if count}
            if not found and item["status"] == "ok":
                continue
            described = "、".join(f"{rules.CATEGORY_LABELS[category]} {count}" for category, count in found.items())
            status = "" if item["status"] == "ok" else f"［{STATUS_LABELS[item['status']]}］"
            reason = f"（{item['reason']}）" if item.get("reason") and item["status"] != "ok" else ""
            self.stdout.write(f"{item['path']}: {status}{described}{reason}")
        megabytes = summary["bytes"] / 1e6
        self.stdout.write(
            f"\n{summary['files']} ファイル（{megabytes:.1f} MB）を {summary['seconds']:.1f} 秒で検査しました。"
            f"個人情報あり {summary['files_with_findings']} 件（うち個人番号 {summary['files_with_my_number']} 件）、"
            f"暗号化 {summary['statuses']['encrypted']} 件、読めない {summary['statuses']['unreadable']} 件、"
            f"対象外 {summary['statuses']['unsupported']} 件、索引から再利用 {summary['reused_from_index']} 件。")

    def _post(self, paths: list[str], document: dict) -> None:
        """One run: the first request creates it with up to BATCH files, the rest follow in parts."""
        files = [{key: item[key] for key in ("path", "size", "status", "findings", "samples") if key in item}
                 | {"root": os.path.abspath(item["root"]), "reason": item.get("reason", "")[:1000]}
                 for item in document["files"]]
        summary = {key: document["summary"][key] for key in ("files", "bytes", "seconds")}
        sent = self._send("/api/v1/scan-runs", {"host": socket.gethostname()[:200],
                                                "roots": [os.path.abspath(path) for path in paths],
                                                "files": files[:BATCH], "summary": summary})
        for start in range(BATCH, len(files), BATCH):
            sent = self._send(f"/api/v1/scan-runs/{sent['id']}/files", {"files": files[start:start + BATCH]})
        self.stderr.write(f"サーバーに検査結果（ID {sent['id']}、{sent['files']} ファイル）を送信しました。")

    def _send(self, path: str, body: dict) -> dict:
        base = os.environ["HOGOKAN_URL"].rstrip("/")
        if not base.startswith(("http://", "https://")):
            raise UsageError("HOGOKAN_URL は http:// または https:// で始めてください。")
        request = urllib.request.Request(  # noqa: S310 - http(s) only, checked above
            base + path, data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {os.environ['HOGOKAN_API_TOKEN']}"},
            method="POST")
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:  # noqa: S310 - the configured server
                return json.load(answer)
        except urllib.error.HTTPError as error:
            raise CommandError(f"サーバーへの送信に失敗しました（HTTP {error.code}: "
                               f"{error.read()[:300].decode('utf-8', 'replace')}）。") from error
        except (urllib.error.URLError, OSError) as error:
            raise CommandError(f"サーバーへ送信できません（{error}）。") from error


class UsageError(CommandError):
    def __init__(self, message):
        super().__init__(message, returncode=USAGE_ERROR)


STATUS_LABELS = {"ok": "検査済", "encrypted": "暗号化", "unreadable": "読めない", "unsupported": "対象外",
                 "too_large": "大きすぎる"}


def _is_terminal(stream) -> bool:
    target = getattr(stream, "_out", stream)
    return isinstance(target, io.TextIOBase) and target.isatty()
