"""PostgreSQL restarted during a burst of self-inspection submissions (issue 18 §1).

The application (gunicorn, persistent connections with health checks) is not restarted. Every
submission answered 200 is in the database; every other one got a 503 with a Japanese message, and
its retry succeeds without duplicating any answer.
"""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from tests.faults.conftest import ROOT, environment, free_port, hogokan, wait_for_http

pytestmark = pytest.mark.faults
SECTIONS = 90
RESTART_AFTER = 20


def _submit(port: int, response_id: int, token: str, body: bytes) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST", f"/api/v1/inspections/responses/{response_id}/submit", body=body,
                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        reply = conn.getresponse()
        return reply.status, reply.read().decode()
    except OSError as exc:  # the server itself must never drop a request
        return 0, repr(exc)
    finally:
        conn.close()


def test_submissions_survive_a_postgresql_restart(cluster, tmp_path):
    with psycopg.connect(cluster.url(), autocommit=True) as admin:
        admin.execute("CREATE DATABASE hogokan")
    env = environment(tmp_path / "data", cluster.url("hogokan"), DB_CONN_MAX_AGE="600", WEB_CONCURRENCY="2")
    hogokan(env, "migrate", "-v0")
    prepared = json.loads(subprocess.run(
        [sys.executable, "-m", "tests.faults._prepare", str(SECTIONS)], env=env, cwd=ROOT,
        capture_output=True, text=True, check=True, timeout=600).stdout)
    jobs, numbers = prepared["jobs"], prepared["numbers"]
    body = json.dumps({"answers": {number: {"value": "○", "remark": ""} for number in numbers}}).encode()

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "hogokan", "serve", "--port", str(port),
                               "--workers", "2", "--threads", "4"], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_http(port)
        with psycopg.connect(cluster.url("hogokan")) as probe:
            started_before = probe.execute("SELECT pg_postmaster_start_time()").fetchone()[0]
        done = threading.Event()
        answered = []
        lock = threading.Lock()

        def one(job):
            result = _submit(port, job[0], job[1], body)
            with lock:
                answered.append((job, *result))
                if len(answered) == RESTART_AFTER:
                    done.set()
            return result

        def restart():
            done.wait(timeout=300)
            cluster.ctl("-m", "fast", "restart", "-o",
                        f"-p {cluster.port} -k {cluster.socket_dir} -c listen_addresses=127.0.0.1")

        restarter = threading.Thread(target=restart)
        restarter.start()
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(one, jobs))
        restarter.join(timeout=300)

        failed = [(job, status, text) for job, status, text in answered if status != 200]
        for _job, status, text in failed:
            assert status == 503, f"a failure other than 503: {status} {text[:300]}"
            assert "データベースに接続できません" in json.loads(text)["detail"]
        retried = [(job, *_submit(port, job[0], job[1], body)) for job, _status, _text in failed]
        assert [status for _job, status, _text in retried] == [200] * len(failed)

        with psycopg.connect(cluster.url("hogokan")) as check:
            started_after = check.execute("SELECT pg_postmaster_start_time()").fetchone()[0]
            ids = [job[0] for job in jobs]
            statuses = dict(check.execute(
                "SELECT id, status FROM inspections_inspectionresponse WHERE id = ANY(%s)", [ids]).fetchall())
            answers = dict(check.execute(
                "SELECT response_id, COUNT(*) FROM inspections_answer WHERE response_id = ANY(%s) "
                "GROUP BY response_id", [ids]).fetchall())
        assert started_after > started_before, "PostgreSQL was not restarted during the burst"
        assert set(statuses.values()) <= {"submitted", "approved"}
        assert len(statuses) == len(jobs)
        assert set(answers.values()) == {len(numbers)}, "an answer was lost or written twice"
        print(f"\n{len(jobs)} submissions, {len(failed)} answered 503 during the restart and succeeded on retry")
    finally:
        server.terminate()
        server.wait(timeout=60)
