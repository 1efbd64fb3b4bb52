from tests.conftest import assert_statuses


def test_dashboard_needs_login(client, town):
    response = client.get("/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_every_role_reaches_its_dashboard(client_for):
    assert_statuses(client_for, "get", "/", {role: 200 for role in
                    ("admin", "chief", "manager", "officer", "officer2", "staff", "auditor", "contractor", "outsider")})


def test_notification_read_refuses_foreign_redirects(client_for, town):
    from hogokan.core.services import notification_send

    note = notification_send(recipients=[town.user("staff")], subject="テスト", url="//evil.example/")[0]
    client = client_for("staff")
    for back in ("https://evil.example/", "//evil.example/", "/\\evil.example/"):
        response = client.post(f"/notifications/{note.pk}/read/", {"back": back, "open": "1"})
        assert response.status_code == 302
        assert response["Location"] == "/notifications/", back
    response = client.post(f"/notifications/{note.pk}/read/", {"back": "/org/units/"})
    assert response["Location"] == "/org/units/"


def test_user_cannot_mark_someone_elses_notification(client_for, town):
    from hogokan.core.services import notification_send

    note = notification_send(recipients=[town.user("officer")], subject="他人宛て")[0]
    assert client_for("staff").post(f"/notifications/{note.pk}/read/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None
