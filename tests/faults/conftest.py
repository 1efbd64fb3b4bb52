"""Fault tests (marker ``faults``; ``make faults``, run by .ci/run): real servers stopped and killed.

They start their own PostgreSQL instance on a spare port (never the machine's own) and their own
``hogokan serve`` / ``hogokan worker`` processes. Where PostgreSQL's server binaries are missing they
skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def _as_postgres(argv: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run its tools as the ``postgres`` user."""
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


@dataclass
class Cluster:
    bin: Path
    data: Path
    socket_dir: Path
    port: int
    log: Path

    def ctl(self, *args: str) -> None:
        done = subprocess.run(_as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                                            "-w", *args]), capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, f"pg_ctl {' '.join(args)}: {done.stderr}"

    def start(self) -> None:
        self.ctl("-o", f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1", "start")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"


@pytest.fixture(scope="module")
def cluster():
    pg_bin = _pg_bin()
    if pg_bin is None:
        message = "PostgreSQL's server binaries (/usr/lib/postgresql/*/bin) are missing"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    # Not under pytest's basetemp: pytest keeps that 0700 (root's), where the postgres user cannot reach.
    base = Path(tempfile.mkdtemp(prefix="hogokan-faults-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    made = Cluster(pg_bin, base / "data", base, free_port(), base / "postgres.log")
    subprocess.run(_as_postgres([str(pg_bin / "initdb"), "-D", str(made.data), "-A", "trust", "-U", "postgres",
                                 "-E", "UTF8", "--no-sync"]), check=True, capture_output=True, timeout=120)
    made.start()
    yield made
    subprocess.run(_as_postgres([str(pg_bin / "pg_ctl"), "-D", str(made.data), "-m", "immediate", "stop"]),
                   capture_output=True, check=False, timeout=60)
    shutil.rmtree(base, ignore_errors=True)


def hogokan(env: dict, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hogokan", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, check=True, timeout=900, **kwargs)


def environment(data_dir: Path, database_url: str | None = None, **extra: str) -> dict:
    env = {**os.environ, "HOGOKAN_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT / "src"), **extra}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url.replace("postgresql://", "postgres://")
    return env


def wait_for_http(port: int, path: str = "/accounts/login/", seconds: float = 120) -> None:
    import http.client

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"the server on port {port} did not answer within {seconds} s")
