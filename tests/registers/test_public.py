"""The public register (/registers/public/, no login) never shows drafts, unpublished revisions,
withheld items or retired files — in the list, the search, the pages and both downloads (法75)."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from hogokan.registers import services
from hogokan.registers.models import PersonalInfoFile

from .conftest import file_data

LIST = "/registers/public/"


def _everything(client) -> str:
    """All the public surface: list, search, detail pages, CSV and Excel, as one text."""
    parts = [client.get(LIST).content.decode()]
    parts.append(client.get(LIST, {"q": "秘密"}).content.decode())
    parts.append(client.get(LIST, {"q": "XYZ"}).content.decode())
    for pk in PersonalInfoFile.objects.values_list("pk", flat=True):
        response = client.get(f"/registers/public/files/{pk}/")
        if response.status_code == 200:
            parts.append(response.content.decode())
    parts.append(client.get(LIST, {"format": "csv"}).content.decode("utf-8-sig"))
    workbook = load_workbook(io.BytesIO(client.get(LIST, {"format": "xlsx"}).content))
    for row in workbook.active.iter_rows(values_only=True):
        parts.append(" ".join(str(value) for value in row if value is not None))
    return "\n".join(parts)


@pytest.fixture
def register(town, chief, draft, published):
    """A draft, a published file with a withheld item and a new draft revision, a retired file,
    an approved but unpublished file."""
    services.file_update(actor=town.user("staff"), file=published, purpose="改訂中の未公表の目的")
    retired = services.file_load_published(actor=chief, on=date(2023, 4, 1), **file_data(
        town, name="削除済みファイル", purpose="削除済みの目的"))
    services.file_retire(actor=chief, file=retired, retired_on=date(2025, 4, 1), reason="事務の廃止")
    approved = services.file_create(actor=chief, **file_data(town, name="承認済み未公表ファイル"))
    services.file_submit(actor=chief, file=approved)
    services.file_approve(actor=chief, file=approved)
    return {"published": published, "retired": retired, "approved": approved}


def test_public_pages_need_no_login(client, register):
    assert client.get(LIST).status_code == 200
    page = client.get(f"/registers/public/files/{register['published'].pk}/")
    assert page.status_code == 200
    assert "住民の居住関係の公証" in page.content.decode()  # the last published version's purpose


def test_nothing_unpublished_withheld_or_retired_appears(client, register, draft):
    text = _everything(client)
    assert "住民基本台帳ファイル" in text
    for secret in ("作成中ファイル", "下書きの秘密の目的", "改訂中の未公表の目的", "公表しない記録範囲XYZ",
                   "削除済みファイル", "削除済みの目的", "承認済み未公表ファイル"):
        assert secret not in text, secret
    assert "法75条3項により記載を省略" in text


@pytest.mark.parametrize("which", ["retired", "approved"])
def test_detail_of_an_unpublished_or_retired_file_is_404(client, register, which):
    assert client.get(f"/registers/public/files/{register[which].pk}/").status_code == 404


def test_detail_of_a_draft_is_404(client, register, draft):
    assert client.get(f"/registers/public/files/{draft.pk}/").status_code == 404


def test_search_does_not_match_a_withheld_item(client, register):
    assert "住民基本台帳ファイル" not in client.get(LIST, {"q": "XYZ"}).content.decode()
    assert "住民基本台帳ファイル" in client.get(LIST, {"q": "住民"}).content.decode()


def test_filters_by_organ_and_unit(client, register, pension_file, town):
    by_unit = client.get(LIST, {"unit": town.pension.pk}).content.decode()
    assert "国民健康保険被保険者ファイル" in by_unit and "住民基本台帳ファイル" not in by_unit
    by_organ = client.get(LIST, {"organ": town.education.pk}).content.decode()
    assert "国民健康保険被保険者ファイル" not in by_organ


def test_publishing_the_revision_replaces_the_public_version(client, register, chief):
    file = register["published"]
    services.file_submit(actor=chief, file=file)
    services.file_approve(actor=chief, file=file)
    assert "改訂中の未公表の目的" not in client.get(f"/registers/public/files/{file.pk}/").content.decode()
    services.file_publish(actor=chief, file=file)
    page = client.get(f"/registers/public/files/{file.pk}/").content.decode()
    assert "改訂中の未公表の目的" in page and "住民の居住関係の公証" not in page


def test_downloads_have_the_published_files(client, register):
    csv_text = client.get(LIST, {"format": "csv"}).content.decode("utf-8-sig")
    assert csv_text.count("\r\n") == 2  # header + the one published file
    response = client.get(LIST, {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_page_cache_follows_the_register(client, register, chief):
    """A cached list page is never served after a retirement or a publication changed the register."""
    assert "住民基本台帳ファイル" in client.get(LIST).content.decode()
    services.file_retire(actor=chief, file=register["published"], retired_on=date(2027, 4, 1), reason="廃止")
    assert "住民基本台帳ファイル" not in client.get(LIST).content.decode()
    services.file_publish(actor=chief, file=register["approved"])
    assert "承認済み未公表ファイル" in client.get(LIST).content.decode()


def test_signed_in_users_get_an_uncached_page(client_for, register):
    page = client_for("officer").get(LIST).content.decode()
    assert "課長 二郎" in page or "ログアウト" in page
    from django.test import Client

    assert "ログアウト" not in Client().get(LIST).content.decode()


def test_a_cached_page_costs_one_small_query_and_reads_no_session(client, register, django_assert_num_queries):
    """The anonymous list's cache hit: only the register stamp is read (no session, no user, no page query)."""
    first = client.get(LIST, {"page": "1"})
    with django_assert_num_queries(1) as captured:
        again = client.get(LIST, {"page": "1"})
    assert again.content == first.content
    assert "MAX" in captured.captured_queries[0]["sql"] and "session" not in captured.captured_queries[0]["sql"]
    assert "Cookie" in again["Vary"] and again["Cache-Control"] == "no-cache"
    assert "sessionid" not in again.cookies and "csrftoken" not in again.cookies


def test_conditional_get_answers_304_until_the_register_changes(client, register, chief):
    etag = client.get(LIST)["ETag"]
    not_modified = client.get(LIST, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304 and not_modified.content == b""
    services.file_publish(actor=chief, file=register["approved"])
    changed = client.get(LIST, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "承認済み未公表ファイル" in changed.content.decode()
    assert changed["ETag"] != etag


def test_renaming_a_unit_shows_at_once(client, register, town, chief):
    from hogokan.core.services import save_with_history

    assert "市民課" in client.get(LIST).content.decode()
    unit = town.citizens
    unit.name = "市民窓口課"
    save_with_history(unit, chief, "名称変更", validate=False)
    assert "市民窓口課" in client.get(LIST).content.decode()


def test_a_visitor_with_a_session_cookie_is_still_served_the_public_page(client, register):
    client.cookies["sessionid"] = "not-a-session"
    page = client.get(LIST)
    assert page.status_code == 200 and "住民基本台帳ファイル" in page.content.decode()
    assert "ログアウト" not in page.content.decode()


def test_a_304_keeps_the_validators_and_a_wildcard_matches(client, register):
    etag = client.get(LIST)["ETag"]
    not_modified = client.get(LIST, headers={"If-None-Match": f'"other", {etag}'})
    assert not_modified.status_code == 304
    assert not_modified["ETag"] == etag and not_modified["Cache-Control"] == "no-cache"
    assert client.get(LIST, headers={"If-None-Match": "*"}).status_code == 304
    assert client.get(LIST, headers={"If-None-Match": '"other"'}).status_code == 200


def test_a_file_published_before_hogokan_keeps_its_publication_date_on_the_public_register(client, town, chief):
    import csv
    import io
    from datetime import date

    from hogokan.registers import services
    from tests.registers.conftest import file_data

    services.file_load_published(actor=town.user("chief"), on=date(2023, 4, 1), **file_data(town, name="旧公表ファイル"))
    listing = client.get("/registers/public/").content.decode()
    assert "令和5年4月1日" in listing  # not the day of the import
    rows = list(csv.reader(io.StringIO(client.get("/registers/public/", {"format": "csv"}).content.decode("utf-8-sig"))))
    assert rows[1][-1] == "2023-04-01"  # a date, without a time
