"""Dates on screen go through the 和暦 filters (issue 21 §2): no page prints 2026-12-02."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template

from hogokan.core.services import notification_send


def render(text: str, **context) -> str:
    return Template("{% load hogokan %}" + text).render(Context(context))


def test_filters_show_wareki_and_local_time():
    moment = datetime(2026, 12, 2, 4, 5, tzinfo=ZoneInfo("UTC"))  # 13:05 in Tokyo
    assert render("{{ d|wareki_time }}", d=moment) == "令和8年12月2日 13:05"
    assert render("{{ d|wareki }}", d=date(1900, 1, 1)) == "明治33年1月1日"
    assert render("{{ y|wareki_fy }}", y="abc") == "abc"  # a filter never raises


def test_notifications_page_prints_no_iso_dates(client_for, town):
    notification_send(recipients=[town.user("staff")], subject="点検のお知らせ", body="本文")
    page = client_for("staff").get("/notifications/").content.decode()
    assert "点検のお知らせ" in page and "令和" in page
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", page.split("<main")[1])


def test_one_status_colour_for_one_meaning():
    from hogokan.inspections.models import Campaign
    from hogokan.purpose_uses.models import OutOfPurposeUse
    from hogokan.registers.models import PersonalInfoFile

    approved_use = render("{{ r|status_tag }}", r=OutOfPurposeUse(status="approved"))
    published_file = render("{{ r|status_tag }}", r=PersonalInfoFile(status="published"))
    closed_campaign = render("{{ r|status_tag }}", r=Campaign(status="closed"))
    assert approved_use == '<span class="tag" data-tone="current">承認済み</span>'
    assert published_file == '<span class="tag" data-tone="current">公表中</span>'
    assert closed_campaign == '<span class="tag" data-tone="ended">締切</span>'
    assert render("{{ r|status_tag }}", r=PersonalInfoFile(status="draft")) == '<span class="tag">作成中</span>'


def test_an_empty_list_says_whether_nothing_matched_or_nothing_exists(client_for, town):
    client = client_for("chief")
    assert "受け付けた請求はまだありません。" in client.get("/disclosures/").content.decode()
    assert "条件に合う請求はありません。" in client.get("/disclosures/", {"kind": "correction"}).content.decode()


def test_history_and_pages_name_people_not_login_ids(town):
    from hogokan.core.history import history_of
    from hogokan.core.services import save_with_history

    for username in ("admin", "officer"):  # accounts made by an import carry no first_name: only the person does
        user = town.user(username)
        user.first_name = ""
        user.save()
    person = town.people["outsider"]
    person.name_kana = "ガクム シチロウ"
    save_with_history(person, town.user("admin"), "カナの修正")
    entry = history_of(person)[0]
    assert entry.actor == town.people["admin"].name  # 管理 太郎, not "admin"
    assert render("{{ u|who }}", u=town.user("officer")) == "課長 二郎"
    assert render("{{ u|who }}", u=None) == "システム"


def test_a_user_field_in_the_history_shows_the_persons_name(town):
    from hogokan.core.history import _display
    from hogokan.inspections.models import InspectionResponse

    record = InspectionResponse.history.model(submitted_by=town.user("officer"))
    assert _display(record, "submitted_by", town.user("officer").pk) == "課長 二郎"
