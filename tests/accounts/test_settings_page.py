from django.utils import timezone

from hogokan.accounts.models import ApiToken, hash_token


def test_user_issues_token_shown_once_and_stored_hashed(client_for, town):
    client = client_for("staff")
    response = client.post("/accounts/settings/", {"name": "連携テスト"})
    body = response.content.decode()
    token = ApiToken.objects.get(user=town.user("staff"))
    raw = body.split('id="new-token">')[1].split("<")[0]
    assert raw.startswith("hgk_") and token.key_hash == hash_token(raw)
    assert raw not in client.get("/accounts/settings/").content.decode()


def test_token_name_is_required(client_for, town):
    response = client_for("staff").post("/accounts/settings/", {"name": ""})
    assert "用途を入力してください。" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_user_cannot_revoke_someone_elses_token(client_for, town):
    token, _raw = ApiToken.issue(town.user("officer"), "x")
    response = client_for("staff").post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_user_revokes_own_token(client_for, town):
    token, _raw = ApiToken.issue(town.user("staff"), "x")
    client_for("staff").post(f"/accounts/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_at <= timezone.now()


def test_switch_to_foreign_assignment_is_refused(client_for, town):
    client = client_for("staff")
    foreign = town.people["officer"].assignments.first()
    response = client.post("/accounts/switch/", {"assignment": foreign.pk}, follow=True)
    assert "選択した配属は利用できません。" in response.content.decode()
