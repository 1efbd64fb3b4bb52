"""The worker stopped in the middle of sending reminder mail (issue 18 §1).

SIGTERM (systemd's stop): the mail in hand is finished, the worker exits; restarted, it sends the
rest: every notification is mailed exactly once. SIGKILL: nothing is ever mailed twice, and at most
the one mail in flight is lost (it was claimed before the send; docs: core.services.notifications_mail).
"""

from __future__ import annotations

import collections
import signal
import subprocess
import sys
import time
from email import message_from_bytes
from pathlib import Path

import pytest

from tests.faults.conftest import ROOT, environment, hogokan

pytestmark = pytest.mark.faults
COUNT = 40


def _recipients(outbox: Path) -> collections.Counter:
    """Each file of the file backend holds the messages of one connection, separated by a line of dashes."""
    counter = collections.Counter()
    for path in outbox.glob("*.log"):
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                counter[message_from_bytes(chunk.strip()).get("To")] += 1
    return counter


def _mailed(outbox: Path) -> int:
    return sum(_recipients(outbox).values()) if outbox.exists() else 0


def _worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "hogokan", "worker", "--once"], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stop_midway(env: dict, outbox: Path, sig: int) -> None:
    worker = _worker(env)
    deadline = time.monotonic() + 300
    while _mailed(outbox) < 5:
        assert worker.poll() is None, f"the worker ended before it was stopped: {worker.communicate()}"
        assert time.monotonic() < deadline, "the worker sent nothing"
        time.sleep(0.05)
    worker.send_signal(sig)
    worker.wait(timeout=60)


@pytest.fixture
def town_env(tmp_path):
    env = environment(tmp_path / "data", EMAIL_BACKEND="tests.faults.slow_mail.SlowFileBackend")
    hogokan(env, "migrate", "-v0")
    return env, tmp_path / "data" / "outbox"


def _notify(env: dict, tag: str) -> None:
    subprocess.run([sys.executable, "-m", "tests.faults._notify", str(COUNT), tag], env=env, cwd=ROOT,
                   check=True, capture_output=True, timeout=300)


def test_sigterm_finishes_the_mail_in_hand_and_a_restart_sends_the_rest_once(town_env):
    env, outbox = town_env
    _notify(env, "term")
    _stop_midway(env, outbox, signal.SIGTERM)
    stopped_at = _mailed(outbox)
    assert 5 <= stopped_at < COUNT, "the worker did not stop at SIGTERM"

    hogokan(env, "worker", "--once")
    counts = _recipients(outbox)
    assert len(counts) == COUNT
    assert set(counts.values()) == {1}, f"mailed twice: {[who for who, n in counts.items() if n > 1]}"


def test_sigkill_never_mails_twice_and_loses_at_most_the_mail_in_flight(town_env):
    env, outbox = town_env
    _notify(env, "kill")
    _stop_midway(env, outbox, signal.SIGKILL)
    assert _mailed(outbox) < COUNT

    hogokan(env, "worker", "--once")
    counts = _recipients(outbox)
    assert set(counts.values()) == {1}, f"mailed twice: {[who for who, n in counts.items() if n > 1]}"
    assert COUNT - 1 <= len(counts) <= COUNT
