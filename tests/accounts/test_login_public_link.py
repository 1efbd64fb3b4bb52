"""The login page leads anonymous visitors to the public register (法75: anyone may read it)."""

from django.core.cache import cache
from django.urls import reverse


def test_anonymous_visitor_finds_the_public_register_from_the_login_page(client, town):
    cache.clear()  # the public list caches its rendering per register state
    page = client.get("/accounts/login/")
    url = reverse("registers:public_list")
    assert page.status_code == 200
    assert f'<a href="{url}">公開中の個人情報ファイル簿</a>' in page.content.decode()
    assert client.get(url).status_code == 200
    cache.clear()
