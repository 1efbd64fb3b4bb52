from tests.conftest import assert_statuses


def test_dashboard_needs_login(client, town):
    response = client.get("/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_every_role_reaches_its_dashboard(client_for):
    assert_statuses(client_for, "get", "/", {role: 200 for role in
                    ("admin", "chief", "manager", "officer", "officer2", "staff", "auditor", "contractor", "outsider")})
