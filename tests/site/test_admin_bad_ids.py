"""The admin site answers a 404 (a 400 for a number too large), never a 500, for a bad object id."""

import pytest

from tests.conftest import login


@pytest.mark.django_db
@pytest.mark.parametrize("path", [
    "/django-admin/accounts/apitoken/abc/history/",
    "/django-admin/accounts/apitoken/abc/history/xyz/",
    "/django-admin/accounts/apitoken/abc/change/",
    "/django-admin/accounts/apitoken/99999999999999999999/history/",
])
def test_admin_answers_404_for_an_id_that_is_not_a_number(client, town, path):
    login(client, town.user("admin"))
    response = client.get(path)
    assert response.status_code in (302, 400, 404), response.status_code  # 302: Django admin says 「存在しません」 on its index
