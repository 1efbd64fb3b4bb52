"""core.workflow.transition(): the one way a record changes its workflow state.

Tried on a real record with states (an 目的外利用 of purpose_uses); the modules' own tests check
their steps' messages and notifications.
"""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from hogokan.core.workflow import send_back, transition
from hogokan.purpose_uses.models import OutOfPurposeUse
from hogokan.purpose_uses.services import use_save

S = OutOfPurposeUse.Status


def make_use(town, status: str = S.DRAFT) -> OutOfPurposeUse:
    use = use_save(actor=town.user("staff"), kind="use", organ=town.mayor, unit=town.citizens,
                   used_on=date(2026, 11, 2), file_or_affair_name="住民基本台帳", recipient="高齢福祉課",
                   purpose="安否確認", basis="internal", basis_reason="独居高齢者の安否確認", no_unfair_harm=True)
    OutOfPurposeUse.objects.filter(pk=use.pk).update(status=status)  # the starting state of each case
    use.refresh_from_db()
    return use


@pytest.mark.parametrize(("start", "allowed", "to", "refusal"), [
    (S.DRAFT, [S.DRAFT, S.RETURNED], S.CONSULTING, None),
    (S.RETURNED, [S.DRAFT, S.RETURNED], S.CONSULTING, None),
    (S.CONSULTING, [S.CONSULTING], S.APPROVED, None),
    (S.APPROVED, [S.DRAFT, S.CONSULTING, S.RETURNED], S.WITHDRAWN,
     "この記録は『承認済み』のため、この操作はできません。"),
    (S.CONSULTING, [S.DRAFT, S.RETURNED], S.CONSULTING,
     "この記録は『合議中（事務局）』のため、この操作はできません。"),
])
def test_allowed_sources_move_and_others_are_refused_naming_the_state(town, start, allowed, to, refusal):
    use = make_use(town, start)
    if refusal is None:
        transition(use, actor=town.user("chief"), to=to, allowed=allowed, action="操作")
        assert use.status == to
    else:
        with pytest.raises(ValidationError) as error:
            transition(use, actor=town.user("chief"), to=to, allowed=allowed, action="操作")
        assert error.value.messages == [refusal]
    use.refresh_from_db()
    assert use.status == (to if refusal is None else start)


def test_a_module_names_the_refusal_with_the_current_state(town):
    use = make_use(town, S.APPROVED)
    with pytest.raises(ValidationError) as error:
        transition(use, actor=None, to=S.WITHDRAWN, allowed=[S.DRAFT], action="取りやめ",
                   refused="『{state}』の記録は取りやめにできません。")
    assert error.value.messages == ["『承認済み』の記録は取りやめにできません。"]


def test_a_page_read_before_another_change_is_told_the_record_changed(town):
    stale = make_use(town, S.CONSULTING)
    OutOfPurposeUse.objects.filter(pk=stale.pk).update(status=S.APPROVED)  # someone approved meanwhile
    with pytest.raises(ValidationError) as error:
        send_back(stale, actor=town.user("chief"), to=S.RETURNED, allowed=[S.CONSULTING], comment="根拠を確認")
    assert error.value.messages == [
        "この記録は他の操作で『承認済み』に変更されました。最新の状態を読み込んでからやり直してください。"]


@pytest.mark.parametrize("comment", ["", "   ", "\n"])
def test_send_back_needs_a_comment_and_changes_nothing_without_one(town, comment):
    use = make_use(town, S.CONSULTING)
    before = use.history.count()
    with pytest.raises(ValidationError) as error:
        send_back(use, actor=town.user("chief"), to=S.RETURNED, allowed=[S.CONSULTING], comment=comment)
    assert error.value.message_dict == {"comment": ["差し戻す理由を入力してください。"]}
    use.refresh_from_db()
    assert use.status == S.CONSULTING and use.history.count() == before


def test_the_history_row_names_the_actor_and_the_reason(town):
    use = make_use(town, S.CONSULTING)
    send_back(use, actor=town.user("chief"), to=S.RETURNED, allowed=[S.CONSULTING], comment=" 根拠を再検討 ",
              changes={"office_comment": "根拠を再検討"})
    row = use.history.latest()
    assert row.history_user == town.user("chief")
    assert row.history_change_reason == "差戻し: 根拠を再検討"
    assert row.status == S.RETURNED and row.office_comment == "根拠を再検討"
    transition(use, actor=town.user("staff"), to=S.CONSULTING, allowed=[S.RETURNED], action="合議")
    assert use.history.latest().history_change_reason == "合議"  # no reason: the action alone


def test_a_check_on_the_locked_row_refuses_before_anything_is_written(town):
    use = make_use(town, S.CONSULTING)

    def check(locked):
        raise ValidationError({"status": "添付がありません。"})

    with pytest.raises(ValidationError, match="添付がありません"):
        transition(use, actor=None, to=S.APPROVED, allowed=[S.CONSULTING], action="承認", check=check,
                   changes={"approved_by": town.user("chief")})
    use.refresh_from_db()
    assert use.status == S.CONSULTING and use.approved_by is None


@pytest.mark.django_db(transaction=True)
def test_two_requests_on_the_same_row_one_wins_the_other_is_refused(town):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks (select_for_update is a no-op); its IMMEDIATE transactions "
                    "serialise writers instead. Run with DATABASE_URL=postgres://… to test the lock.")
    use = make_use(town, S.CONSULTING)
    both_read = threading.Barrier(2)
    results: dict[str, object] = {}

    def act(name: str, to: str, comment: str, delay: float) -> None:
        try:
            mine = OutOfPurposeUse.objects.get(pk=use.pk)  # the page each user had open
            both_read.wait()
            time.sleep(delay)
            with transaction.atomic():
                # The winner holds the lock a while, so the other request really waits on it.
                send_back(mine, actor=town.user("chief"), to=to, allowed=[S.CONSULTING], comment=comment,
                          action=name, changes={"office_comment": comment}, check=lambda _row: time.sleep(0.3))
            results[name] = "ok"
        except ValidationError as exc:
            results[name] = exc.messages
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=("差戻し", S.RETURNED, "根拠を確認", 0.0)),
               threading.Thread(target=act, args=("承認", S.APPROVED, "適当", 0.1))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    winners = [name for name, result in results.items() if result == "ok"]
    assert len(winners) == 1 and len(results) == 2
    loser = next(name for name in results if name not in winners)
    label = "差戻し" if winners == ["差戻し"] else "承認済み"
    assert results[loser] == [f"この記録は他の操作で『{label}』に変更されました。最新の状態を読み込んでからやり直してください。"]
    use.refresh_from_db()
    winner_comment = "根拠を確認" if winners == ["差戻し"] else "適当"
    assert use.office_comment == winner_comment  # the loser overwrote nothing
    reasons = list(use.history.values_list("history_change_reason", flat=True))
    assert reasons.count(f"{winners[0]}: {winner_comment}") == 1
    assert not any(reason.startswith(loser) for reason in reasons)
