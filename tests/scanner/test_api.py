"""POST /api/v1/scan (the pre-send check) and POST /api/v1/scan-runs (the agent): exact fields, bad input as
a 400 in Japanese, scoping of the stored results."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hogokan.accounts.services import token_issue
from hogokan.scanner import rules, services
from hogokan.scanner.models import PreSendCheck, ScannedFile, ScanRun

from . import files
from .files import MY_NUMBER


@pytest.fixture
def api(client, town):
    def make(username):
        _token, raw = token_issue(actor=None, user=town.user(username), name="test")
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
        return client
    return make


def test_presend_check_answers_the_findings_with_masked_samples(api, town):
    workbook = files.xlsx_bytes([("氏名", "個人番号"), ("佐藤 花子", MY_NUMBER)])
    answer = api("staff").post("/api/v1/scan", {"file": SimpleUploadedFile("名簿.xlsx", workbook)})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert set(body) == {"id", "file_name", "size", "status", "status_label", "reason", "findings", "in_context",
                         "samples", "seconds", "has_personal_information"}
    assert body["file_name"] == "名簿.xlsx" and body["size"] == len(workbook) and body["status"] == "ok"
    assert list(body["findings"]) == list(rules.CATEGORIES) and body["findings"]["my_number"] == 1
    assert body["samples"]["my_number"] == ["1234-****-**18"] and MY_NUMBER not in answer.content.decode()
    check = PreSendCheck.objects.get()  # logged: name, size, counts, who — not the file
    assert (check.file_name, check.size, check.user, check.unit) == ("名簿.xlsx", len(workbook), town.user("staff"),
                                                                     town.citizens)
    assert check.findings["my_number"] == 1 and not hasattr(check, "data")


@pytest.mark.parametrize("body", [{}, {"file": None}, {"file": "abc"}, {"file": 12}, {"file": [1]}, {"other": 1}])
def test_presend_check_without_a_file_is_a_400_in_japanese(api, body):
    answer = api("staff").post("/api/v1/scan", body, content_type="application/json")
    assert answer.status_code == 400
    message = answer.json()["errors"]["file"][0]
    assert "ファイル" in message or "file" in message and any("\u3040" <= ch <= "\u30ff" for ch in message)
    assert not PreSendCheck.objects.exists()


def test_presend_check_empty_file_and_empty_multipart(api):
    client = api("staff")
    assert client.post("/api/v1/scan", {"file": SimpleUploadedFile("x.txt", b"")}).json()["errors"]["file"] == [
        "空のファイルです。中身のあるファイルを送ってください。"]
    assert client.post("/api/v1/scan", {}).status_code == 400
    assert client.post("/api/v1/scan", {"file": "text"}).status_code == 400


def test_presend_check_of_a_broken_file_is_answered_not_a_500(api):
    answer = api("staff").post("/api/v1/scan", {"file": SimpleUploadedFile("壊れた.xlsx", b"PK\x03\x04broken")})
    assert answer.status_code == 200 and answer.json()["status"] == "unreadable" and answer.json()["reason"]


def test_contractor_may_not_use_the_presend_check(api):
    answer = api("contractor").post("/api/v1/scan", {"file": SimpleUploadedFile("a.txt", b"x")})
    assert answer.status_code == 403


def _run_body(unit_code="shimin"):
    return {"host": "fs01", "roots": ["/srv/share"], "summary": {"files": 2, "bytes": 30, "seconds": 1.5}, "files": [
        {"path": f"{unit_code}/名簿.xlsx", "root": "/srv/share", "size": 10, "status": "ok",
         "findings": {"my_number": 3, "phone": 1}, "samples": {"my_number": ["1234-****-**18"]}},
        {"path": "other/x.txt", "root": "/srv/share", "size": 20, "status": "encrypted", "findings": {}}]}


def test_scan_run_is_stored_and_mapped_to_units(api, town):
    services.path_rule_save(actor=town.user("chief"), prefix="/srv/share/shimin/", unit=town.citizens,
                            my_number_allowed=True)
    answer = api("chief").post("/api/v1/scan-runs", _run_body(), content_type="application/json")
    assert answer.status_code == 201, answer.content
    run = ScanRun.objects.get(pk=answer.json()["id"])
    assert answer.json()["files"] == 2 and run.host == "fs01" and run.bytes == 30
    mapped = ScannedFile.objects.get(location="/srv/share/shimin/名簿.xlsx")
    assert mapped.unit == town.citizens and mapped.my_number == 3 and mapped.total == 4 and mapped.my_number_allowed
    assert ScannedFile.objects.get(location="/srv/share/other/x.txt").unit is None
    more = api("chief").post(f"/api/v1/scan-runs/{run.pk}/files", {"files": _run_body()["files"][:1]},
                             content_type="application/json")
    assert more.status_code == 201 and more.json()["files"] == 3


@pytest.mark.parametrize(("change", "field"), [
    ({"host": None}, "host"), ({"files": "x"}, "files"), ({"roots": "x"}, "roots"),
    ({"files": [{"path": "a", "root": "/", "size": -1, "status": "ok", "findings": {}}]}, "files"),
    ({"files": [{"path": "a", "root": "/", "size": 1, "status": "lost", "findings": {}}]}, "files"),
    ({"files": [{"path": "a", "root": "/", "size": 1, "status": "ok", "findings": {"my_number": "1"}}]}, "files")])
def test_scan_run_bad_input_is_a_400_and_stores_nothing(api, change, field):
    answer = api("chief").post("/api/v1/scan-runs", {**_run_body(), **change}, content_type="application/json")
    assert answer.status_code == 400 and field in answer.json()["errors"]
    assert not ScanRun.objects.exists() and not ScannedFile.objects.exists()


def test_only_the_office_posts_runs(api):
    assert api("officer").post("/api/v1/scan-runs", _run_body(), content_type="application/json").status_code == 403


def test_samples_that_are_not_masked_are_dropped(api, town):
    body = _run_body()
    body["files"][0]["samples"] = {"my_number": [MY_NUMBER, "1234-****-**18"], "email": ["raw@example.jp"]}
    api("chief").post("/api/v1/scan-runs", body, content_type="application/json")
    stored = ScannedFile.objects.get(location="/srv/share/shimin/名簿.xlsx").samples
    assert stored == {"my_number": ["1234-****-**18"]}


def test_the_largest_counts_of_every_category_are_stored_and_one_more_is_refused(api):
    from hogokan.scanner import rules

    most = {category: (2**31 - 1) // len(rules.CATEGORIES) for category in rules.CATEGORIES}
    body = _run_body()
    body["files"] = [{"path": "a/b.csv", "root": "/srv", "size": 1, "status": "ok", "findings": most}]
    answer = api("chief").post("/api/v1/scan-runs", body, content_type="application/json")
    assert answer.status_code == 201, answer.content
    assert ScannedFile.objects.get().my_number == most["my_number"]
    body["files"][0]["findings"] = {**most, "phone": most["phone"] + 1}
    refused = api("chief").post("/api/v1/scan-runs", body, content_type="application/json")
    assert refused.status_code == 400 and "files" in refused.json()["errors"]
    assert ScanRun.objects.count() == 1
