"""token_issue / token_revoke: every token's issue and revocation is in the change history."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from hogokan.accounts.models import ApiToken, hash_token
from hogokan.accounts.services import token_issue, token_revoke


def test_issue_names_who_issued_it(town):
    chief = town.user("chief")
    token, raw = token_issue(actor=chief, user=chief, name="  文書管理連携  ")
    assert token.name == "文書管理連携" and token.key_hash == hash_token(raw)
    record = token.history.get()
    assert record.history_type == "+" and record.history_user == chief
    assert record.history_change_reason == "API トークンを発行"
    assert not hasattr(record, "key_hash")  # the hash stays out of the history


def test_revoking_twice_is_one_revocation(town):
    staff = town.user("staff")
    token, _raw = token_issue(actor=staff, user=staff, name="x")
    token_revoke(actor=staff, token=token)
    revoked_at = token.revoked_at
    token_revoke(actor=staff, token=ApiToken.objects.get(pk=token.pk))
    token.refresh_from_db()
    assert token.revoked_at == revoked_at
    reasons = list(token.history.order_by("history_id").values_list("history_change_reason", "history_user"))
    assert reasons == [("API トークンを発行", staff.pk), ("API トークンを失効", staff.pk)]


def test_the_command_issues_through_the_service_as_the_system(town):
    out = StringIO()
    call_command("apitoken", "officer", "--name", "集計", stdout=out)
    token = ApiToken.objects.get(key_hash=hash_token(out.getvalue().strip()))
    record = token.history.get()
    assert record.history_user is None and record.history_change_reason == "API トークンを発行"
