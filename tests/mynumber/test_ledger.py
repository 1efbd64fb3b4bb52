"""特定個人情報の取扱状況記録簿: append-only lines, 提供 needs 提供目的 and 提供先, corrections as new lines, the
list with its filters and downloads, the API, and the monthly 点検 item that shows the month's lines."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hogokan.core.models import DeletionForbidden
from hogokan.inspections import services as inspections
from hogokan.inspections.models import Campaign
from hogokan.mynumber import rules, services
from hogokan.mynumber.models import LedgerEntry


def _entry(town, file, **overrides):
    values = dict(actor=town.user("staff"), file=file, handled_on=date(2026, 11, 4), kind="acquire", count=3,
                  handler=town.people["staff"], checker=town.people["officer"])
    values.update(overrides)
    return services.ledger_record(**values)


@pytest.mark.parametrize(("kind", "purpose", "recipient", "fields"), [
    ("provide", "", "", {"purpose", "recipient"}),
    ("provide", "地方税の賦課", "", {"recipient"}),
    ("provide", "", "○○市税務課", {"purpose"}),
    ("provide", "地方税の賦課", "○○市税務課", set()),
    ("use", "", "", set()),
])
def test_provision_needs_purpose_and_recipient(kind, purpose, recipient, fields):
    # 名古屋市 点検: 「取扱状況記録簿において提供目的及び提供先の記載がもれていた」
    assert set(rules.ledger_errors(kind=kind, count=1, purpose=purpose, recipient=recipient)) == fields


def test_a_provision_without_recipient_is_refused_and_nothing_is_written(town, files):
    with pytest.raises(ValidationError) as error:
        _entry(town, files["juki"], kind="provide", purpose="地方税の賦課", recipient="  ")
    assert error.value.message_dict["recipient"] == ["提供のときは提供先を入力してください。"]
    assert not LedgerEntry.objects.exists()


def test_entries_are_append_only_and_corrections_are_new_entries(town, files):
    entry = _entry(town, files["juki"], count=30)
    with pytest.raises(DeletionForbidden):
        entry.delete()
    with pytest.raises(ValidationError) as error:
        services.ledger_correct(actor=town.user("staff"), entry=entry, reason="", count=3)
    assert "訂正の理由" in str(error.value)
    correction = services.ledger_correct(actor=town.user("staff"), entry=entry, reason="件数の記入誤り", count=3)
    entry.refresh_from_db()
    assert (entry.count, correction.count, correction.corrects) == (30, 3, entry)
    assert correction.history.get().history_change_reason == "記録の訂正: 件数の記入誤り"


def test_list_filters_and_downloads(town, files, client_for):
    _entry(town, files["juki"], handled_on=date(2026, 10, 30))
    _entry(town, files["card"], kind="provide", purpose="番号法19条8号による情報提供", recipient="○○市市民課",
           handled_on=date(2026, 11, 2))
    _entry(town, files["kokuho"], actor=town.user("officer2"), handler=town.people["officer2"], checker=None)
    client = client_for("officer")
    page = client.get("/mynumber/ledger/").content.decode()
    assert "住民基本台帳ファイル" in page and "国民健康保険ファイル" not in page  # 保険年金課's book is not 市民課's
    november = client.get("/mynumber/ledger/?month=2026-11").content.decode()
    assert "○○市市民課" in november and "令和8年10月30日" not in november
    assert "月は「2026-11」" in client.get("/mynumber/ledger/?month=11月").content.decode()
    csv = client.get(f"/mynumber/ledger/?file={files['card'].pk}&format=csv").content.decode("utf-8-sig")
    assert "番号法19条8号による情報提供" in csv and "住民基本台帳ファイル" not in csv
    xlsx = client.get("/mynumber/ledger/?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_a_ledger_entry_through_the_page_keeps_the_input_on_error(town, files, client_for):
    client = client_for("staff")
    data = {"file": files["juki"].pk, "handled_on": "2026-11-04", "kind": "provide", "count": "2",
            "purpose": "地方税の賦課", "recipient": "", "handler": town.people["staff"].pk}
    response = client.post("/mynumber/ledger/new/", data)
    assert response.status_code == 200 and "提供のときは提供先を入力してください。" in response.content.decode()
    assert 'value="地方税の賦課"' in response.content.decode() and not LedgerEntry.objects.exists()
    data["recipient"] = "○○市税務課"
    assert client.post("/mynumber/ledger/new/", data).status_code == 302
    entry = LedgerEntry.objects.get()
    correct = client.post(f"/mynumber/ledger/{entry.pk}/correct/", {**data, "count": "1",
                                                                   "correction_reason": "件数の誤り"})
    assert correct.status_code == 302 and LedgerEntry.objects.count() == 2
    assert "訂正があります" in client.get(f"/mynumber/ledger/{entry.pk}/").content.decode()
    # another unit cannot read or correct 市民課's book
    other = client_for("officer2")
    assert other.get(f"/mynumber/ledger/{entry.pk}/").status_code == 404
    assert other.post(f"/mynumber/ledger/{entry.pk}/correct/", {**data, "correction_reason": "x"}).status_code == 404


def test_api_lists_and_creates_entries(town, files, client_for):
    client = client_for("staff")
    body = {"file": files["juki"].pk, "handled_on": "2026-11-04", "kind": "provide", "count": 2,
            "handler": town.people["staff"].pk}
    refused = client.post("/api/v1/mynumber/ledger", body, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["errors"]["purpose"] == ["提供のときは提供目的を入力してください。"]
    created = client.post("/api/v1/mynumber/ledger", {**body, "purpose": "地方税の賦課", "recipient": "○○市税務課"},
                          content_type="application/json")
    assert created.status_code == 201 and created.json()["kind_label"] == "提供"
    listed = client.get("/api/v1/mynumber/ledger?month=2026-11&kind=provide").json()
    assert [row["recipient"] for row in listed["results"]] == ["○○市税務課"]
    assert client.get("/api/v1/mynumber/ledger?month=2026-13").status_code == 400
    other = client_for("officer2").post("/api/v1/mynumber/ledger", {**body, "purpose": "x", "recipient": "y"},
                                        content_type="application/json")
    assert other.status_code == 400  # 市民課's file is not among 保険年金課's
    assert client_for("officer2").get("/api/v1/mynumber/ledger").json()["results"] == []


def test_the_monthly_inspection_item_shows_the_months_entries(town, files, client_for):
    _entry(town, files["card"], kind="provide", purpose="番号法19条8号による情報提供", recipient="○○市市民課",
           handled_on=date(2026, 11, 2))
    _entry(town, files["juki"], handled_on=date(2026, 10, 2), note="先月分")
    inspections.section_item_add(actor=town.user("officer"), unit=town.citizens, number="個1",
                                 text="特定個人情報の取扱状況記録簿に提供目的及び提供先を記録しているか")
    campaign = inspections.campaign_create(actor=town.user("chief"), kind=Campaign.Kind.MONTHLY, year=2026,
                                           month=11, units=[town.citizens])
    page = client_for("officer").get(f"/inspections/responses/{campaign.responses.get().pk}/").content.decode()
    assert "令和8年11月の取扱状況記録簿（1件）" in page and "○○市市民課" in page and "先月分" not in page
