from django.utils import timezone

from hogokan.accounts.models import ApiToken, hash_token
from hogokan.accounts.services import token_issue


def _new_token(body: str) -> str:
    return body.split('id="new-token">')[1].split("<")[0]


def test_user_issues_token_shown_once_and_stored_hashed(client_for, town):
    client = client_for("staff")
    response = client.post("/accounts/settings/", {"name": "連携テスト"}, follow=True)
    assert response.redirect_chain == [("/accounts/settings/", 302)]  # a reload does not issue another
    body = response.content.decode()
    token = ApiToken.objects.get(user=town.user("staff"))
    raw = _new_token(body)
    assert raw.startswith("hgk_") and token.key_hash == hash_token(raw)
    assert token.key_hash not in body
    reload = client.get("/accounts/settings/").content.decode()
    assert raw not in reload and 'id="new-token"' not in reload
    assert ApiToken.objects.count() == 1


def test_the_page_with_the_token_is_not_cached(client_for, town):
    response = client_for("staff").post("/accounts/settings/", {"name": "連携テスト"}, follow=True)
    assert "no-store" in response["Cache-Control"]


def test_token_name_is_required(client_for, town):
    response = client_for("staff").post("/accounts/settings/", {"name": ""})
    assert "用途を入力してください。" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_issue_and_revocation_are_in_the_history_on_the_page(client_for, town):
    client = client_for("staff")
    client.post("/accounts/settings/", {"name": "連携テスト"})
    token = ApiToken.objects.get()
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    body = client.get("/accounts/settings/").content.decode()
    history = body.split('id="history-title"')[1]
    revoked, issued = history.split("<tr>")[2:4]  # newest first
    assert "担当 四郎" in revoked and "API トークンを失効" in revoked and f"{token.prefix}…" in revoked
    assert "担当 四郎" in issued and "API トークンを発行" in issued and "連携テスト" in issued
    assert token.key_hash not in body


def test_a_token_from_the_command_reads_as_issued_by_the_system(client_for, town):
    token_issue(actor=None, user=town.user("staff"), name="夜間バッチ")
    history = client_for("staff").get("/accounts/settings/").content.decode().split('id="history-title"')[1]
    assert "システム" in history and "夜間バッチ" in history


def test_someone_elses_tokens_are_not_in_my_history(client_for, town):
    token_issue(actor=town.user("officer"), user=town.user("officer"), name="課長の連携")
    body = client_for("staff").get("/accounts/settings/").content.decode()
    assert "課長の連携" not in body and "変更履歴はありません。" in body


def test_user_cannot_revoke_someone_elses_token(client_for, town):
    token, _raw = token_issue(actor=None, user=town.user("officer"), name="x")
    response = client_for("staff").post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert token.history.count() == 1


def test_user_revokes_own_token(client_for, town):
    token, _raw = token_issue(actor=None, user=town.user("staff"), name="x")
    client_for("staff").post(f"/accounts/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_at <= timezone.now()


def test_switch_to_foreign_assignment_is_refused(client_for, town):
    client = client_for("staff")
    foreign = town.people["officer"].assignments.first()
    response = client.post("/accounts/switch/", {"assignment": foreign.pk}, follow=True)
    assert "選択した配属は利用できません。" in response.content.decode()
