"""Scanning trees: walk the roots, scan files in parallel, reuse an index of unchanged files, report.

No Django here: the command (management/commands/scan.py) and the bench call ``scan_paths``.
The report is the command's JSON contract (docs/scanner.md): ``{"files": […], "summary": {…}}``.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from hogokan.scanner import rules
from hogokan.scanner.extract import DEFAULT_LIMITS, ENCRYPTED, OK, STATUSES, Limits, scan_file
from hogokan.scanner.matcher import default_matcher

ENGINE_VERSION = "1"  # bump when a rule changes: the index then scans everything again


@dataclass
class Entry:
    """A file found under a root: ``path`` relative to it with ``/`` separators."""

    absolute: str
    path: str
    root: str
    size: int
    mtime_ns: int


@dataclass
class Report:
    files: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    reused: int = 0
    engine: str = ""

    def as_json(self) -> dict:
        counts = {status: 0 for status in STATUSES}
        totals = dict.fromkeys(rules.CATEGORIES, 0)
        with_pii = with_my_number = 0
        for item in self.files:
            counts[item["status"]] += 1
            found = item["findings"]
            for category in rules.CATEGORIES:
                totals[category] += found[category]
            with_pii += any(found.values())
            with_my_number += found["my_number"] > 0
        return {"files": self.files, "summary": {
            "files": len(self.files), "bytes": sum(item["size"] for item in self.files),
            "seconds": round(self.seconds, 3), "statuses": counts, "findings": totals,
            "files_with_findings": with_pii, "files_with_my_number": with_my_number,
            "reused_from_index": self.reused, "engine": self.engine, "errors": self.errors}}


def walk(root: str, errors: list[str]) -> Iterator[Entry]:
    """Every regular file under ``root`` (a directory or one file); unreadable folders go to ``errors``."""
    root_abs = os.path.abspath(root)
    try:
        info = os.stat(root_abs)
    except FileNotFoundError:
        errors.append(f"{root}: パスが存在しません。")
        return
    except OSError as error:
        errors.append(f"{root}: 読み取れません（{error.strerror}）。")
        return
    if stat.S_ISREG(info.st_mode):
        yield Entry(root_abs, os.path.basename(root_abs), root, info.st_size, info.st_mtime_ns)
        return
    stack = [root_abs]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                children = sorted(listing, key=lambda child: child.name)
        except OSError as error:
            relative = os.path.relpath(folder, root_abs).replace(os.sep, "/")
            errors.append(f"{root}/{relative}: フォルダを読み取れません（{error.strerror}）。検査を続けます。")
            continue
        for child in reversed(children):
            try:
                if child.is_dir(follow_symlinks=False):
                    stack.append(child.path)
                elif child.is_file(follow_symlinks=False):
                    info = child.stat(follow_symlinks=False)
                    relative = os.path.relpath(child.path, root_abs).replace(os.sep, "/")
                    yield Entry(child.path, relative, root, info.st_size, info.st_mtime_ns)
            except OSError as error:
                errors.append(f"{child.path}: 読み取れません（{error.strerror}）。")


def result_of(entry: Entry, scan) -> dict:
    item = {"path": entry.path, "root": entry.root, "size": entry.size, "status": scan.status,
            "findings": scan.findings.as_counts(), "in_context": scan.findings.as_context_counts(),
            "samples": scan.findings.samples}
    if scan.reason:
        item["reason"] = scan.reason
    return item


def _scan_one(job: tuple[Entry, str | None, str | None, Limits]) -> tuple[dict, str | None, bool]:
    """In a worker: scan one file (or reuse the index's result when its content hash is unchanged)."""
    entry, cached_hash, cached_result, limits = job
    digest = None
    if cached_hash is not None:
        digest = content_hash(entry.absolute)
        if digest == cached_hash and cached_result is not None:
            item = json.loads(cached_result)
            item["path"], item["size"], item["root"] = entry.path, entry.size, entry.root
            return item, digest, True
    return result_of(entry, scan_file(entry.absolute, limits=limits)), digest, False


def content_hash(path: str) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


class Index:
    """What was found in each file last time, keyed by absolute path, size and mtime (and content hash)."""

    def __init__(self, path: str):
        self.db = sqlite3.connect(path)
        self.db.execute("create table if not exists meta (key text primary key, value text)")
        self.db.execute("create table if not exists files (path text primary key, size int, mtime_ns int, "
                        "hash text, result text)")
        version = self.db.execute("select value from meta where key = 'engine'").fetchone()
        if version is None or version[0] != ENGINE_VERSION:
            self.db.execute("delete from files")
            self.db.execute("insert or replace into meta values ('engine', ?)", (ENGINE_VERSION,))
        self.db.commit()

    def get(self, entry: Entry) -> tuple[int, int, str | None, str] | None:
        return self.db.execute("select size, mtime_ns, hash, result from files where path = ?",
                               (entry.absolute,)).fetchone()

    def put(self, entry: Entry, digest: str | None, item: dict) -> None:
        stored = {key: value for key, value in item.items() if key not in ("path", "root")}
        self.db.execute("insert or replace into files values (?, ?, ?, ?, ?)",
                        (entry.absolute, entry.size, entry.mtime_ns, digest, json.dumps(stored, ensure_ascii=False)))

    def close(self) -> None:
        self.db.commit()
        self.db.close()


def scan_paths(roots: list[str], *, jobs: int | None = None, index_path: str | None = None, use_hash: bool = False,
               limits: Limits = DEFAULT_LIMITS, progress: Callable[[int, int], None] | None = None) -> Report:
    """Scan every file under ``roots``; ``progress(done, total)`` after each file."""
    started = time.perf_counter()
    report = Report()
    entries = [entry for root in roots for entry in walk(root, report.errors)]
    index = Index(index_path) if index_path else None
    jobs_to_run = []
    for entry in entries:
        cached = index.get(entry) if index else None
        if cached and cached[0] == entry.size and cached[1] == entry.mtime_ns:
            if use_hash and cached[2]:
                jobs_to_run.append((entry, cached[2], cached[3], limits))
                continue
            if not use_hash:
                item = json.loads(cached[3])
                item["path"], item["size"], item["root"] = entry.path, entry.size, entry.root
                report.files.append(item)
                report.reused += 1
                continue
        jobs_to_run.append((entry, "" if use_hash else None, None, limits))
    done = len(report.files)
    if progress:
        progress(done, len(entries))
    matcher = default_matcher()  # compiled before the workers fork, so each inherits it
    report.engine = matcher.engine
    workers = max(1, min(jobs or os.cpu_count() or 1, len(jobs_to_run)))
    results: Iterator
    pool = None
    if workers > 1:
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        pool = context.Pool(workers)
        results = pool.imap(_scan_one, jobs_to_run, chunksize=4)
    else:
        results = map(_scan_one, jobs_to_run)
    try:
        for (entry, *_), (item, digest, reused) in zip(jobs_to_run, results, strict=True):
            report.files.append(item)
            report.reused += reused
            if index and item["status"] in (OK, ENCRYPTED, "unsupported", "too_large"):
                index.put(entry, digest if use_hash else None, item)
            done += 1
            if progress:
                progress(done, len(entries))
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        if index:
            index.close()
    order = {root: number for number, root in enumerate(roots)}
    report.files.sort(key=lambda item: (order.get(item["root"], 0), item["path"]))
    report.seconds = time.perf_counter() - started
    return report
