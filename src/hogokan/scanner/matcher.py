"""One compiled multi-pattern engine over UTF-8 bytes: Hyperscan where its wheel exists, Python ``re`` elsewhere.

Hyperscan scans a block once for every pattern body (no lookarounds) and every context word, and
reports every end offset of every match. Only around those ends does the ``exact`` regex of the
pattern run (window ``[end - longest - margin, end + margin]``, overlapping windows merged). Every
exact match is a body match, so its end is reported and its window covers it; and a window never
starts inside an exact match (that match's own window would have been merged into it), so the exact
regex finds in the windows exactly what it finds in the whole block. The fallback runs the exact
regexes over the whole block: the same spans by construction (tests/scanner/test_matcher.py checks).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

from hogokan.scanner import rules

try:  # Hyperscan ships manylinux wheels for x86_64; elsewhere the fallback gives the same results
    import hyperscan
except ImportError:  # pragma: no cover - depends on the platform
    hyperscan = None

try:
    from re import _parser as sre_parse  # Python ≥ 3.11
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

MARGIN = 32  # ≥ the widest lookbehind/lookahead of rules.py


class Matcher:
    """``spans(block)`` → {pattern index: [(start, end), …]} of exact matches; ``context(block)`` →
    {category: [(start, end), …]} of context words."""

    def __init__(self, engine: str = "auto"):
        self.patterns = rules._patterns()
        self.exact = [re.compile(pattern.exact, re.DOTALL) for pattern in self.patterns]
        self.reach = [(sre_parse.parse(pattern.body).getwidth()[1] + MARGIN,
                       (sre_parse.parse(pattern.tail).getwidth()[1] if pattern.tail else 0) + MARGIN)
                      for pattern in self.patterns]
        self.words = [(category, word.encode("utf-8")) for category, words in rules.CONTEXT_WORDS.items()
                      for word in words]
        if engine == "auto":
            engine = "hyperscan" if hyperscan is not None else "python"
        if engine == "hyperscan" and hyperscan is None:
            raise RuntimeError("hyperscan is not installed")
        self.engine = engine
        if engine == "hyperscan":
            expressions = [pattern.body for pattern in self.patterns] + [re.escape(word) for _, word in self.words]
            self.database = _compiled(expressions)
            self.scratch = hyperscan.Scratch(self.database)

    def scan(self, block: bytes) -> tuple[dict[int, list[tuple[int, int]]], dict[str, list[tuple[int, int]]]]:
        if self.engine == "hyperscan":
            return self._scan_hyperscan(block)
        return self._scan_python(block)

    def _scan_python(self, block):
        spans = {}
        for index, regex in enumerate(self.exact):
            found = [match.span() for match in regex.finditer(block)]
            if found:
                spans[index] = found
        context = defaultdict(list)
        for category, word in self.words:
            start = block.find(word)
            while start >= 0:
                context[category].append((start, start + len(word)))
                start = block.find(word, start + 1)
        return spans, {category: sorted(found) for category, found in context.items()}

    def _scan_hyperscan(self, block):
        ends: dict[int, list[int]] = defaultdict(list)
        count = len(self.patterns)

        def on_match(pattern_id, _start, end, _flags, _context):
            ends[pattern_id].append(end)

        self.database.scan(block, match_event_handler=on_match, scratch=self.scratch)
        spans = {}
        context = defaultdict(list)
        for pattern_id, found_ends in ends.items():
            if pattern_id >= count:
                category, word = self.words[pattern_id - count]
                context[category].extend((end - len(word), end) for end in found_ends)
                continue
            regex, (back, ahead), found = self.exact[pattern_id], self.reach[pattern_id], []
            region_start = region_end = -1
            for end in sorted(found_ends):
                low, high = max(0, end - back), min(len(block), end + ahead)
                if low > region_end:
                    if region_end >= 0:
                        found.extend(match.span() for match in regex.finditer(block, region_start, region_end))
                    region_start = low
                region_end = max(region_end, high)
            found.extend(match.span() for match in regex.finditer(block, region_start, region_end))
            if found:
                spans[pattern_id] = found
        return spans, {category: sorted(found) for category, found in context.items()}


def _compiled(expressions: list[bytes]):
    """The Hyperscan database, compiled once per machine: compiling takes about two seconds, loading a
    cached copy (keyed by the patterns and the library version) a few milliseconds."""
    key = hashlib.sha256(b"\0".join([hyperscan.__version__.encode(), *expressions])).hexdigest()[:16]
    cache_file = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "hogokan" / f"scanner-{key}.hsdb"
    try:
        return hyperscan.loadb(cache_file.read_bytes(), mode=hyperscan.HS_MODE_BLOCK)
    except Exception:  # noqa: BLE001,S110 - no cache yet, or one from another build: compile
        pass
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(expressions=expressions, ids=list(range(len(expressions))), elements=len(expressions),
                     flags=[hyperscan.HS_FLAG_DOTALL] * len(expressions))
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache_file.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(hyperscan.dumpb(database))
        temporary.replace(cache_file)
    except OSError:
        pass  # a read-only home: compile again next time
    return database


@cache
def default_matcher(engine: str = "auto") -> Matcher:
    """One compiled matcher per process (compiling takes a few hundred milliseconds)."""
    return Matcher(engine)
