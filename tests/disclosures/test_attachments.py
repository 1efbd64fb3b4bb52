"""A request's papers (identity documents, the request form) follow the requester-data rule, not the
request's visibility: a manager who sees the request cannot list or download them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hogokan.core.services import attachment_add
from tests.conftest import assert_statuses


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def test_identity_papers_only_for_the_office_and_the_handling_unit(town, client_for, make_request):
    request_obj = make_request()
    paper = attachment_add(actor=town.user("chief"), target=request_obj,
                           uploaded_file=SimpleUploadedFile("本人確認書類.pdf", b"%PDF-1.4 licence copy"))
    assert_statuses(client_for, "get", f"/files/attachment/{paper.pk}/download",
                    {"chief": 200, "officer": 200, "staff": 200, "manager": 404, "auditor": 404,
                     "officer2": 404, "outsider": 404, "contractor": 404})
    manager_page = client_for("manager").get(f"/disclosures/{request_obj.pk}/").content.decode()
    assert "本人確認書類.pdf" not in manager_page
    assert "事務局と担当課だけが見られます" in manager_page
    assert "本人確認書類.pdf" in client_for("officer").get(f"/disclosures/{request_obj.pk}/").content.decode()
