"""The lock-out rules (accounts.lockout): who can lock a login ID out, and for how long at most (issue 20)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client

from hogokan.accounts.lockout import lock_end, lock_of, retry_time
from hogokan.core.templatetags.hogokan import wareki_time
from tests.accounts.logins import WRONG, fail, is_locked, login_from, logs_in, time_passes
from tests.conftest import PASSWORD

ATTACKER = "198.51.100.66"
CHIEF_DESK = "203.0.113.20"


def test_forty_failures_from_one_address_do_not_lock_the_chief_out_elsewhere(town):
    answers = fail(ATTACKER, "chief", 40)
    assert [is_locked(answer) for answer in answers] == [False] * 4 + [True] * 36
    assert is_locked(login_from(ATTACKER, "chief"))  # from that address even the right password waits
    assert logs_in(login_from(CHIEF_DESK, "chief"))  # the chief at their own desk is not locked at all


def test_many_addresses_lock_the_login_id_everywhere_for_the_cooloff_at_most(town):
    for number in range(3):
        fail(f"198.51.100.{number}", "chief", 5)
    fail("198.51.100.3", "chief", 4)  # 19 failures from 4 addresses: below the login ID's limit of 20
    assert logs_in(login_from(CHIEF_DESK, "chief"))
    assert is_locked(login_from("198.51.100.3", "chief", WRONG))  # the 20th
    page = login_from(CHIEF_DESK, "chief")
    assert is_locked(page)  # now from every address, right password or not
    # The lock on the login ID ends when its oldest counted failures stop counting (15 minutes after them);
    # the attempts here may straddle a minute boundary on a busy machine, so both ends are accepted.
    times = AccessAttempt.objects.order_by("attempt_time").values_list("attempt_time", flat=True)
    shown = {f"{wareki_time(retry_time(at + timedelta(minutes=15)))} 以降に再度お試しください。" for at in times}
    assert any(text in page.content.decode() for text in shown)

    time_passes(minutes=14)
    for number in range(10, 30):  # the attack goes on during the lock, from new addresses
        assert is_locked(login_from(f"198.51.100.{number}", "chief", WRONG))
    assert is_locked(login_from(CHIEF_DESK, "chief"))
    time_passes(minutes=1, seconds=1)  # 15 minutes and 1 second after the 20th failure
    assert logs_in(login_from(CHIEF_DESK, "chief"))


def test_a_successful_login_forgives_the_failures_from_its_own_address_only(town):
    fail(CHIEF_DESK, "chief", 4)  # the chief's own typos
    fail(ATTACKER, "chief", 4)
    assert logs_in(login_from(CHIEF_DESK, "chief"))
    assert not any(is_locked(answer) for answer in fail(CHIEF_DESK, "chief", 4))
    assert is_locked(login_from(ATTACKER, "chief", WRONG))  # the attacker's fifth still counts


def test_limits_come_from_the_settings(town, settings):
    settings.HOGOKAN_LOGIN_FAILURE_LIMIT = 2
    settings.HOGOKAN_LOGIN_USERNAME_FAILURE_LIMIT = 3
    assert [is_locked(answer) for answer in fail("192.0.2.1", "staff", 2)] == [False, True]
    assert is_locked(fail("192.0.2.2", "staff", 1)[0])  # 3 in all: every address
    assert is_locked(login_from("192.0.2.3", "staff"))


def test_behind_the_proxy_the_address_is_the_one_the_proxy_added(town, settings):
    settings.HOGOKAN_BEHIND_TLS_PROXY = True
    proxy = "127.0.0.1"

    def through_proxy(forwarded_for: str, password: str = WRONG):
        return Client(REMOTE_ADDR=proxy).post("/accounts/login/", {"username": "chief", "password": password},
                                              HTTP_X_FORWARDED_FOR=forwarded_for)

    # a made-up first entry does not give the attacker a fresh address for every try
    answers = [through_proxy(f"10.0.0.{number}, {ATTACKER}") for number in range(5)]
    assert [is_locked(answer) for answer in answers] == [False] * 4 + [True]
    assert logs_in(through_proxy(CHIEF_DESK, PASSWORD))  # every login reaches us from the proxy, yet not locked


def test_without_the_proxy_setting_x_forwarded_for_is_ignored(town):
    answers = [Client(REMOTE_ADDR=ATTACKER).post("/accounts/login/", {"username": "chief", "password": WRONG},
                                                 HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
               for number in range(5)]
    assert [is_locked(answer) for answer in answers] == [False] * 4 + [True]
    assert logs_in(login_from(CHIEF_DESK, "chief"))


T = datetime(2026, 4, 1, 9, 0)
MIN = timedelta(minutes=1)
COOL_OFF = timedelta(minutes=15)


@pytest.mark.parametrize("rows, limit, end", [
    ([(T, 4)], 5, None),                                    # below the limit: no lock
    ([(T, 5)], 5, T + COOL_OFF),                            # the 5th failure locks for 15 minutes
    ([(T, 40)], 5, T + COOL_OFF),                           # more failures do not make it longer
    ([(T, 3), (T + 5 * MIN, 2)], 5, T + COOL_OFF),          # ends when the older row stops counting
    ([(T + 5 * MIN, 5), (T, 2)], 5, T + 20 * MIN),          # … unless the newer row alone still locks
    ([(T, 5), (T + MIN, 5), (T + 2 * MIN, 5), (T + 3 * MIN, 5)], 20, T + COOL_OFF),
])
def test_lock_end(rows, limit, end):
    assert lock_end(rows, limit, COOL_OFF) == end


def test_lock_of_names_the_addresses_or_every_address(settings):
    settings.HOGOKAN_LOGIN_FAILURE_LIMIT, settings.HOGOKAN_LOGIN_USERNAME_FAILURE_LIMIT = 5, 20
    assert lock_of([("192.0.2.1", T, 4), ("192.0.2.2", T, 4)], COOL_OFF) is None
    assert lock_of([("192.0.2.1", T, 5), ("192.0.2.2", T + MIN, 4)], COOL_OFF) == (("192.0.2.1",), T + COOL_OFF)
    assert lock_of([("192.0.2.1", T, 5), ("192.0.2.2", T + MIN, 15)], COOL_OFF) == ((), T + MIN + COOL_OFF)
