"""Counting a file's findings: streams of UTF-8 blocks → counts per category, with context, masked samples.

A stream (a sheet, a document part, a text file) arrives in blocks of any size; it is matched in
buffers of ``BUFFER`` bytes that keep ``CARRY`` bytes of the previous one, so a value split between
two blocks is found once, and a context word up to ``rules.CONTEXT_BEFORE`` bytes before it is seen.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from hogokan.scanner import rules
from hogokan.scanner.matcher import Matcher, default_matcher

BUFFER = 1 << 20
CARRY = 8192  # > the longest pattern + rules.CONTEXT_BEFORE
SAMPLES = 3


@dataclass
class Findings:
    counts: Counter = field(default_factory=Counter)
    in_context: Counter = field(default_factory=Counter)
    samples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, other: Findings) -> None:
        self.counts.update(other.counts)
        self.in_context.update(other.in_context)
        for category, masked in other.samples.items():
            self._sample(category, masked)

    def _sample(self, category: str, masked: list[str]) -> None:
        mine = self.samples.setdefault(category, [])
        for sample in masked:
            if sample not in mine and len(mine) < SAMPLES:
                mine.append(sample)

    def as_counts(self) -> dict[str, int]:
        return {category: self.counts.get(category, 0) for category in rules.CATEGORIES}

    def as_context_counts(self) -> dict[str, int]:
        return {category: self.in_context.get(category, 0) for category in rules.CATEGORIES}

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class StreamScanner:
    """Feed one stream's blocks, then ``close()``; ``tabular`` streams take context from their header."""

    def __init__(self, findings: Findings, *, tabular: bool = False, matcher: Matcher | None = None):
        self.findings = findings
        self.tabular = tabular
        self.matcher = matcher or default_matcher()
        self.pending = bytearray()
        self.skip = 0  # offset in ``pending`` before which matches were counted with the previous buffer
        self.header_context: set[str] | None = None

    def feed(self, block: bytes) -> None:
        self.pending += block
        if len(self.pending) >= BUFFER:
            self._run(final=False)

    def close(self) -> Findings:
        self._run(final=True)
        return self.findings

    def _run(self, *, final: bool) -> None:
        buffer = bytes(self.pending)
        if self.header_context is None:
            head = buffer[:rules.HEADER_BYTES]
            self.header_context = {category for category, words in rules.CONTEXT_WORDS.items()
                                   if self.tabular and any(word.encode() in head for word in words)}
        limit = len(buffer) if final else len(buffer) - CARRY
        spans, context = self.matcher.scan(buffer)
        self._count(buffer, spans, context, self.skip, limit)
        if not final:
            keep = limit - rules.CONTEXT_BEFORE - 64
            self.pending = bytearray(buffer[keep:])
            self.skip = limit - keep
        else:
            self.pending = bytearray()

    def _count(self, buffer, spans, context, low: int, high: int) -> None:
        by_category: dict[str, list[tuple[int, int, bool]]] = {}
        for index, found in spans.items():
            pattern = self.matcher.patterns[index]
            category = pattern.category
            words = context.get(category, ())
            for start, end in found:
                if not low <= start < high:
                    continue
                near = category in self.header_context or any(
                    word_end <= start and word_start >= start - rules.CONTEXT_BEFORE for word_start, word_end in words)
                if pattern.needs_context and not near:
                    continue
                if not rules.is_valid(category, buffer[start:end]):
                    continue
                by_category.setdefault(category, []).append((start, end, near or pattern.labelled))
        for category, found in by_category.items():
            found.sort()
            merged: list[list] = []
            for start, end, near in found:  # one occurrence per stretch of text, however many patterns saw it
                if merged and start < merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], end)
                    merged[-1][2] = merged[-1][2] or near
                else:
                    merged.append([start, end, near])
            self.findings.counts[category] += len(merged)
            self.findings.in_context[category] += sum(1 for item in merged if item[2])
            self.findings._sample(category, [rules.mask(category, buffer[start:end]) for start, end, _ in merged[:SAMPLES]])


def scan_text(data: bytes | str, *, tabular: bool = False, matcher: Matcher | None = None) -> Findings:
    """The findings of one piece of text (tests, the pre-send check of a pasted text)."""
    scanner = StreamScanner(Findings(), tabular=tabular, matcher=matcher)
    scanner.feed(data.encode("utf-8") if isinstance(data, str) else data)
    return scanner.close()
