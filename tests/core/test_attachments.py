"""Attachments on any record, authorized through the record: /files/<ct>/<id>/upload, /files/attachment/<pk>/download."""

import hashlib
from urllib.parse import quote

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import RequestFactory

from hogokan.core.models import Attachment
from hogokan.core.services import attachment_add
from hogokan.core.views import attachments_context
from hogokan.org.access import actor_for
from tests.conftest import assert_statuses

CONTENT = "個人情報ファイル簿 令和8年度\n".encode() * 100
NAME = "管理体制等報告書.pdf"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def upload_url(unit) -> str:
    return f"/files/{ContentType.objects.get_for_model(unit).pk}/{unit.pk}/upload"


def download_url(attachment) -> str:
    return f"/files/attachment/{attachment.pk}/download"


def post_file(client, unit, *, name=NAME, content=CONTENT, description="委託先提出", next_url="/org/"):
    data = {"file": SimpleUploadedFile(name, content), "description": description}
    if next_url is not None:
        data["next"] = next_url
    return client.post(upload_url(unit), data)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


@pytest.fixture
def stored(town):
    """A file already attached to 市民課 by the administrator."""
    return attachment_add(actor=town.user("admin"), target=town.citizens,
                          uploaded_file=SimpleUploadedFile(NAME, CONTENT), description="委託先提出")


# ---- upload ---------------------------------------------------------------------------------------

def test_admin_uploads_to_a_unit_and_the_sha256_is_kept(town, client_for):
    response = post_file(client_for("admin"), town.citizens)
    assert response.status_code == 302
    assert response["Location"] == "/org/"
    assert messages_of(response) == [f"「{NAME}」を添付しました。"]
    attachment = Attachment.objects.get()
    assert attachment.target == town.citizens
    assert attachment.original_name == NAME
    assert attachment.size == len(CONTENT)
    assert attachment.sha256 == hashlib.sha256(CONTENT).hexdigest()
    assert attachment.mime_type == "application/pdf"
    assert attachment.description == "委託先提出"
    assert attachment.uploaded_by == town.user("admin")
    with attachment.file.open("rb") as handle:
        assert handle.read() == CONTENT
    assert NAME not in attachment.file.name  # the stored name is ours, the original is in the row


def test_too_big_file_is_refused_in_japanese_and_nothing_is_stored(town, client_for, settings):
    settings.HOGOKAN_ATTACHMENT_MAX_MB = 1
    response = post_file(client_for("admin"), town.citizens, content=b"x" * (1024 * 1024 + 1))
    assert response.status_code == 302
    assert messages_of(response) == ["ファイルが大きすぎます（上限 1 MB）。"]
    assert not Attachment.objects.exists()
    assert not (settings.MEDIA_ROOT / "attachments").exists()


def test_a_file_of_exactly_the_limit_is_accepted(town, client_for, settings):
    settings.HOGOKAN_ATTACHMENT_MAX_MB = 1
    post_file(client_for("admin"), town.citizens, content=b"x" * (1024 * 1024))
    assert Attachment.objects.count() == 1


@pytest.mark.parametrize("name", ["setup.exe", "report.pdf.exe", "noextension", "page.html"])
def test_files_of_other_types_are_refused(town, client_for, name):
    response = post_file(client_for("admin"), town.citizens, name=name)
    assert response.status_code == 302
    [message] = messages_of(response)
    assert message.startswith("この種類のファイルは添付できません（添付できる種類: pdf、")
    assert not Attachment.objects.exists()


def test_empty_file_is_refused(town, client_for):
    response = post_file(client_for("admin"), town.citizens, content=b"")
    assert messages_of(response) == ["空のファイルは添付できません。"]
    assert not Attachment.objects.exists()


def test_missing_file_is_refused(town, client_for):
    response = client_for("admin").post(upload_url(town.citizens), {"description": "ファイルなし", "next": "/org/"})
    assert response["Location"] == "/org/"
    assert messages_of(response) == ["ファイルを選んでください。"]
    assert not Attachment.objects.exists()


def test_too_long_description_is_refused(town):
    with pytest.raises(ValidationError, match="説明は200文字以内"):
        attachment_add(actor=town.user("admin"), target=town.citizens,
                       uploaded_file=SimpleUploadedFile(NAME, CONTENT), description="長" * 201)


@pytest.mark.parametrize(("next_url", "expected"), [
    ("/org/units/5/", "/org/units/5/"),
    ("https://evil.example/", "/"),
    ("//evil.example/", "/"),
    ("/\\evil.example/", "/"),
    ("javascript:alert(1)", "/"),
    (None, "/"),
])
def test_upload_redirects_only_to_a_path_on_this_site(town, client_for, next_url, expected):
    response = post_file(client_for("admin"), town.citizens, next_url=next_url)
    assert response["Location"] == expected


def test_upload_permissions_follow_the_target(town, client_for):
    assert_statuses(client_for, "post", upload_url(town.citizens), {
        "officer": 403,    # sees 市民課, may not change units
        "staff": 403,
        "manager": 403,
        "auditor": 403,    # read-only everywhere
        "outsider": 404,   # 学務課 does not see 市民課
        "contractor": 404,
    }, data={"description": "x"})
    assert not Attachment.objects.exists()


def test_officer_gets_403_on_upload_with_a_real_file(town, client_for):
    response = post_file(client_for("officer"), town.citizens)
    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_upload_to_a_missing_record_or_unregistered_model_is_404(town, client_for):
    client = client_for("admin")
    unit_type = ContentType.objects.get_for_model(town.citizens)
    assert client.post(f"/files/{unit_type.pk}/999999/upload", {}).status_code == 404
    assert client.post(f"/files/999999/{town.citizens.pk}/upload", {}).status_code == 404
    # Attachment itself has no scope rule: closed.
    attachment_type = ContentType.objects.get_for_model(Attachment)
    assert client.post(f"/files/{attachment_type.pk}/1/upload", {}).status_code == 404


def test_upload_needs_login_and_post(town, client, client_for):
    response = client.post(upload_url(town.citizens), {})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_for("admin").get(upload_url(town.citizens)).status_code == 405


# ---- download -------------------------------------------------------------------------------------

def test_staff_of_the_unit_downloads_the_exact_bytes(town, client_for, stored):
    response = client_for("staff").get(download_url(stored))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(NAME)}"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]


def test_download_permissions_follow_the_target(town, client_for, stored):
    assert_statuses(client_for, "get", download_url(stored), {
        "admin": 200, "officer": 200, "staff": 200, "manager": 200, "auditor": 200, "chief": 200,
        "officer2": 404,   # 保険年金課 does not see 市民課
        "outsider": 404,
        "contractor": 404,
    })


def test_download_of_a_missing_attachment_or_file_is_404(town, client_for, stored):
    client = client_for("admin")
    assert client.get("/files/attachment/999999/download").status_code == 404
    stored.file.delete(save=False)
    assert client.get(download_url(stored)).status_code == 404


def test_download_needs_login(town, client, stored):
    response = client.get(download_url(stored))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# ---- the include ----------------------------------------------------------------------------------

def render_panel(town, username, target):
    request = RequestFactory().get("/org/units/1/")
    request.user = town.user(username)
    context = attachments_context(target, actor_for(request.user))
    return render_to_string("includes/attachments.html", {**context, "request": request})


def test_include_lists_files_and_offers_upload_to_those_who_may_change(town, stored):
    html = render_panel(town, "admin", town.citizens)
    assert NAME in html
    assert stored.sha256[:12] in html
    assert "管理 太郎" in html
    assert f"/files/attachment/{stored.pk}/download" in html
    assert upload_url(town.citizens) in html
    assert 'enctype="multipart/form-data"' in html
    assert "※任意" in html
    assert 'accept=".pdf,.docx' in html
    assert 'name="next" value="/org/units/1/"' in html


def test_include_hides_the_upload_form_from_read_only_viewers(town, stored):
    html = render_panel(town, "officer", town.citizens)
    assert NAME in html
    assert "multipart/form-data" not in html


def test_include_without_files_says_so(town):
    assert "添付ファイルはありません。" in render_panel(town, "admin", town.pension)
