"""Many callers at the same moment, each on its own database connection (PostgreSQL only).

The tests that use this need ``transactional_db``: a thread sees only committed rows, and every
thread opens its own connection, closed when the thread ends.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection

needs_concurrent_writers = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's in-memory test database has one connection, so writers cannot run in parallel; "
           "run with DATABASE_URL=postgres://… to test numbering under concurrency",
)


def run_at_once(count: int, call: Callable[[int], object]) -> list:
    """``call(0)`` … ``call(count - 1)`` in ``count`` threads released together; each result or exception."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def work(index: int) -> None:
        try:
            connection.ensure_connection()  # connect first, so the calls themselves race
            barrier.wait(timeout=60)
            results[index] = call(index)
        except Exception as exc:  # the test reports every failure, not only the first
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish"
    return results
